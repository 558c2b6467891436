/**
 * Part 4: Cassandra stopped for BENCH_OUTAGE_SECONDS under a steady load. BENCH_OUTAGE_RUNNERS runners at
 * the phone's cadence upload through the upload API on runs of their own; 20 s after the load starts the
 * bench's Cassandra node is stopped, kept down for the outage, and started again on the same data. Every
 * 500 ms the benchmark samples the points acknowledged so far and the writers' metrics (points written,
 * consumer lag in messages, store retries). Afterwards:
 * - uploads acknowledged and failed while Cassandra was away (from the stop until CQL answered again);
 * - the peak consumer lag (the writers' location_service_consumer_lag_messages, summed over partitions;
 *   the consumer refreshes it every 5 s);
 * - the ingest lag at each sample, read off the two curves: the time since the phones had acknowledged as
 *   many points as the writers have now written (the writers write each partition in order, so the curve
 *   of written points trails the acknowledged one by the lag); its peak, the time from Cassandra answering
 *   again to the first point written, and to the lag being under 1 s ("drained");
 * - points lost: acknowledged ids not in Cassandra once everything is written.
 */
import { clock, percentiles } from "./load";
import { sleepUntil, type BenchContext } from "./context";
import { fmt } from "./format";
import { histogram, histogramDelta, maxBound, quantile, total } from "./metrics";
import { settings } from "./settings";

interface Sample {
  at: number;
  acknowledged: number;
  written: number;
  consumerLag: number;
  retries: number;
}

export interface OutageSummary {
  acknowledgedDuring: number;
  failedDuring: number;
  failedTotal: number;
  peakConsumerLag: number;
  peakIngestLagS: number;
  drainS: number;
  resumeS: number;
  lost: number;
  checked: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const DRAINED_LAG_MS = 1_000;

export async function cassandraOutage(ctx: BenchContext): Promise<OutageSummary> {
  const runners = await ctx.newRunners(settings.outageRunners);
  console.log(
    `\n4. Cassandra stopped ${settings.outageMs / 1000} s under load: ${fmt(settings.outageRunners)} runners at the phone's cadence through ` +
      `the upload API (${fmt(settings.outageRunners / 3)} points/s offered); the node is stopped ${settings.outageLeadMs / 1000} s after the load starts\n`,
  );
  await ctx.drain(120_000);
  const first = await ctx.scrape();
  const writtenBefore = await ctx.written(first);
  const lagBefore = histogram(first, "location_service_ingest_lag_seconds");
  const retriesBefore = total(first, "location_service_store_retries_total");

  const load = ctx.phones.cadence(ctx.uploadUrl, runners, { warmUpMs: settings.warmUpMs, measureMs: null, keepIds: true, timeline: true });
  const t0 = load.startAt;
  const rel = (at: number) => `+${fmt((at - t0) / 1000, 1)} s`;
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const at = clock();
      const scrape = await ctx.scrape().catch(() => null);
      if (scrape) {
        samples.push({
          at,
          acknowledged: load.stats().points,
          written: (await ctx.written(scrape)) - writtenBefore,
          consumerLag: total(scrape, "location_service_consumer_lag_messages"),
          retries: total(scrape, "location_service_store_retries_total") - retriesBefore,
        });
      }
      await sleep(at + 500 - clock());
    }
  })();

  await sleepUntil(t0 + settings.outageLeadMs);
  const stopAsked = clock();
  console.log(`  ${rel(stopAsked)} stopping Cassandra`);
  await ctx.stack.stopCassandra();
  const stopped = clock();
  console.log(`  ${rel(stopped)} Cassandra stopped; starting it again in ${settings.outageMs / 1000} s`);
  await sleepUntil(stopped + settings.outageMs);
  const startAsked = clock();
  console.log(`  ${rel(startAsked)} starting Cassandra`);
  await ctx.stack.startCassandra();
  const back = clock();
  console.log(`  ${rel(back)} Cassandra answers CQL again`);

  // Live: drained once the writers have written what had been acknowledged a second before.
  const drainDeadline = clock() + 600_000;
  let drainedLive: number | null = null;
  while (drainedLive === null && clock() < drainDeadline) {
    await sleep(500);
    const last = samples.at(-1);
    const earlier = [...samples].reverse().find((sample) => last && sample.at <= last.at - DRAINED_LAG_MS);
    if (last && earlier && last.at > back && last.written >= earlier.acknowledged) drainedLive = last.at;
  }
  console.log(drainedLive ? `  ${rel(drainedLive)} drained; the load goes on 10 s more` : `  not drained after 600 s; stopping the load`);
  await sleep(10_000);
  load.stop();
  const result = await load.result;
  ctx.acknowledged.points += result.allPoints;
  console.log(`  ${rel(clock())} load stopped; waiting for the writers to write every acknowledged point`);
  await ctx.waitWritten(writtenBefore + result.allPoints, 300_000);
  // Rewrites after the outage count twice in points_written_total: wait for Kafka's lag to read 0 as well.
  for (let i = 0; i < 60; i++) {
    const scrape = await ctx.scrape();
    if (total(scrape, "location_service_consumer_lag_messages") === 0 && i >= 6) break;
    await sleep(1_000);
  }
  sampling = false;
  await sampler;
  const last = await ctx.scrape();
  const lag = histogramDelta(lagBefore, histogram(last, "location_service_ingest_lag_seconds"));
  let verified = await ctx.missingIds(result.ids ?? {});
  if (verified.missing > 0) {
    console.log(`  ${fmt(verified.missing)} acknowledged points not in Cassandra yet; looking again in 15 s`);
    await sleep(15_000);
    verified = await ctx.missingIds(result.ids ?? {});
  }
  await ctx.rebaseWritten();

  // The acknowledged curve, exactly, from the phones' timeline: [done at, latency, points] per batch.
  const timeline = result.timeline ?? [];
  const acks: { at: number; latency: number; points: number }[] = [];
  for (let i = 0; i < timeline.length; i += 3) acks.push({ at: timeline[i]!, latency: timeline[i + 1]!, points: timeline[i + 2]! });
  acks.sort((a, b) => a.at - b.at);
  const cumulative: number[] = [];
  acks.reduce((sum, ack, i) => (cumulative[i] = sum + ack.points), 0);
  /** When the phones had had `points` acknowledged (binary search on the cumulative curve). */
  const acknowledgedAt = (points: number): number => {
    let lo = 0;
    let hi = cumulative.length - 1;
    if (hi < 0 || cumulative[hi]! < points) return Infinity;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! >= points) hi = mid;
      else lo = mid + 1;
    }
    return acks[lo]!.at;
  };
  /** The age of the oldest acknowledged point not yet written (each partition is written in order). */
  const lagAt = (sample: Sample) => {
    if (sample.written >= sample.acknowledged) return 0;
    const oldest = acknowledgedAt(sample.written + 1);
    return Number.isFinite(oldest) ? Math.max(0, sample.at - oldest) : 0;
  };
  const withLag = samples.map((sample) => ({ sample, lagMs: lagAt(sample) }));
  const peakLag = withLag.reduce((max, entry) => Math.max(max, entry.lagMs), 0);
  const drained = withLag.find((entry) => entry.sample.at >= back && entry.lagMs < DRAINED_LAG_MS);
  const writtenAtBack = [...samples].reverse().find((sample) => sample.at <= back)?.written ?? 0;
  const resumed = samples.find((sample) => sample.at > back && sample.written > writtenAtBack);
  const peakConsumerLag = samples.reduce((max, sample) => Math.max(max, sample.consumerLag), 0);
  const during = acks.filter((ack) => ack.at >= stopAsked && ack.at <= back);
  const failedDuring = (result.failureTimes ?? []).filter((at) => at >= stopAsked && at <= back).length;
  const duringLatency = percentiles(during.map((ack) => ack.latency));
  const retries = samples.at(-1)?.retries ?? 0;

  console.log(
    `\n  timeline (from the load's start): stop asked ${rel(stopAsked)}, stopped ${rel(stopped)}, start asked ${rel(startAsked)}, ` +
      `answering ${rel(back)}${drained ? `, drained ${rel(drained.sample.at)}` : ""}`,
  );
  console.log(
    `  uploads while Cassandra was away (${rel(stopAsked)} → ${rel(back)}, ${fmt((back - stopAsked) / 1000, 1)} s): ` +
      `${fmt(during.length)} acknowledged (${fmt(during.reduce((n, ack) => n + ack.points, 0))} points), ${fmt(failedDuring)} failed; ` +
      `upload p50 / p95 / p99 ${fmt(duringLatency.p50, 1)} / ${fmt(duringLatency.p95, 1)} / ${fmt(duringLatency.p99, 1)} ms`,
  );
  console.log(`  uploads over the whole scenario: ${fmt(result.allBatches)} acknowledged, ${fmt(result.failures)} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ""}`);
  console.log(`  peak consumer lag: ${fmt(peakConsumerLag)} messages (location_service_consumer_lag_messages, all partitions)`);
  console.log(
    `  peak ingest lag: ${fmt(peakLag / 1000, 1)} s (acknowledged → written, from the two curves); histogram over the scenario: ` +
      `p99 ${fmt(quantile(lag, 0.99), 1)} s, every batch within ${fmt(maxBound(lag))} s`,
  );
  console.log(`  polls written again after the store was unavailable (location_service_store_retries_total): ${fmt(retries)}`);
  console.log(
    (resumed ? `  writes resumed ${fmt((resumed.at - back) / 1000, 1)} s after Cassandra answered again; ` : "  writes never resumed; ") +
      (drained
        ? `drained (ingest lag < ${DRAINED_LAG_MS / 1000} s) ${fmt((drained.sample.at - back) / 1000, 1)} s after it answered`
        : `not drained (ingest lag < ${DRAINED_LAG_MS / 1000} s) by the end of the scenario`),
  );
  console.log(`  points lost (acknowledged ids not in Cassandra at the end): ${fmt(verified.missing)} of ${fmt(verified.checked)}`);
  return {
    acknowledgedDuring: during.length,
    failedDuring,
    failedTotal: result.failures,
    peakConsumerLag,
    peakIngestLagS: peakLag / 1000,
    drainS: drained ? (drained.sample.at - back) / 1000 : NaN,
    resumeS: resumed ? (resumed.at - back) / 1000 : NaN,
    lost: verified.missing,
    checked: verified.checked,
  };
}
