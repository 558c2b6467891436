/**
 * The writers' consumer-group lag as the brokers see it: per partition of the points topic, its end offset
 * minus the group's committed offset, asked of Kafka (an admin client) when Prometheus scrapes. The Location
 * Service reports its own lag (`location_service_consumer_lag_messages`), but only for the partitions it
 * holds and only while it runs: with every writer stopped that series is gone, and this one still climbs.
 * Served by the app servers (app/api/metrics/), one scrape's two small requests to a broker.
 */
import { Admin } from "@platformatic/kafka";
import { Gauge, type Registry } from "prom-client";
import { pipelineNames, type KafkaSettings } from "../kafka/settings";
import { log } from "../log";
import { withDeadline } from "../with-deadline";

const LATEST = -1n;
const EARLIEST = -2n;
const SCRAPE_TIMEOUT_MS = 2_000;

export interface PartitionOffsets {
  /** Per partition index: the next offset to be written. */
  end: ReadonlyMap<number, bigint>;
  /** Per partition index: the oldest offset still kept (where a group without a commit starts). */
  start: ReadonlyMap<number, bigint>;
  /** Per partition index: the group's committed offset, or below 0 when it has none. */
  committed: ReadonlyMap<number, bigint>;
}

/** Messages behind per partition; a partition without a commit counts from the oldest message kept. */
export function groupLag({ end, start, committed }: PartitionOffsets): Map<number, number> {
  const lag = new Map<number, number>();
  for (const [partition, last] of end) {
    const from = committed.get(partition) ?? -1n;
    const base = from >= 0n ? from : (start.get(partition) ?? 0n);
    lag.set(partition, Number(last > base ? last - base : 0n));
  }
  return lag;
}

async function readOffsets(admin: Admin, settings: KafkaSettings): Promise<PartitionOffsets> {
  const { pointsTopic, writerGroup } = pipelineNames(settings.topicPrefix);
  const metadata = await admin.metadata({ topics: [pointsTopic] });
  const count = metadata.topics.get(pointsTopic)?.partitionsCount ?? 0;
  const partitions = Array.from({ length: count }, (_, partitionIndex) => partitionIndex);
  const at = (timestamp: bigint) =>
    admin.listOffsets({ topics: [{ name: pointsTopic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) }] });
  const [latest, earliest, groups] = await Promise.all([
    at(LATEST),
    at(EARLIEST),
    admin.listConsumerGroupOffsets({ groups: [{ groupId: writerGroup, topics: [{ name: pointsTopic, partitionIndexes: partitions }] }] }),
  ]);
  const byPartition = (topics: typeof latest) =>
    new Map((topics.find((topic) => topic.name === pointsTopic)?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
  const committed = groups
    .find((group) => group.groupId === writerGroup)
    ?.topics.find((topic) => topic.name === pointsTopic)
    ?.partitions.map((p) => [p.partitionIndex, p.committedOffset] as const);
  return { end: byPartition(latest), start: byPartition(earliest), committed: new Map(committed ?? []) };
}

const registered = new WeakSet<Registry>();

/**
 * Adds `runcoach_kafka_consumer_group_lag_messages{partition}` to `registry` (once per registry), read from
 * the brokers at each scrape; when Kafka does not answer within 2 s the series are left out of that scrape.
 */
export function registerGroupLag(registry: Registry, settings: KafkaSettings): void {
  if (registered.has(registry)) return;
  registered.add(registry);
  let admin: Admin | null = null;
  new Gauge({
    name: "runcoach_kafka_consumer_group_lag_messages",
    help: "Messages of the points topic not yet committed by the Location Service's consumer group, per partition, from the brokers",
    labelNames: ["partition"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      admin ??= new Admin({ clientId: "runcoach-metrics", bootstrapBrokers: settings.brokers, retries: 0, timeout: SCRAPE_TIMEOUT_MS });
      try {
        const lag = groupLag(await withDeadline(readOffsets(admin, settings), SCRAPE_TIMEOUT_MS, () => new Error(`Kafka did not answer within ${SCRAPE_TIMEOUT_MS} ms`)));
        for (const [partition, behind] of lag) this.set({ partition: String(partition) }, behind);
      } catch (error) {
        log.debug({ err: error }, "consumer group lag not read this scrape");
        const broken = admin;
        admin = null; // a new client next time: this one may hold a dead connection
        broken.close(() => undefined);
      }
    },
  });
}
