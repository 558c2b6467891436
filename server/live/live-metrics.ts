/**
 * Live runs' Prometheus metrics, in the process registry (server/metrics/registry.ts), null with METRICS=off.
 * The app servers count their follower streams (how many are open, why each ended, how many were refused);
 * the fan-out beside the Location Service counts what it publishes and how far behind the runner's fix each
 * event is when it reaches Redis — the part of a follower's delay that is ours rather than the phone's upload
 * wait (at the followed cadence, fix → publish is up to 3 s of waiting plus the pipeline).
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { processRegistry } from "../metrics/registry";

/** Why a follower's stream ended. */
export type StreamEnd = "left" | "finished" | "gone" | "slow" | "lifetime" | "error";
const STREAM_ENDS: readonly StreamEnd[] = ["left", "finished", "gone", "slow", "lifetime", "error"];

export function createLiveMetrics(registry: Registry) {
  const registers = [registry];
  const metrics = {
    followers: new Gauge({ name: "runcoach_live_followers", help: "Follower streams (Server-Sent Events) open on this app server", registers }),
    streamsEnded: new Counter({
      name: "runcoach_live_streams_ended_total",
      help: "Follower streams ended, by reason: left (the browser went), finished (the run), gone (access taken back), slow (unread bytes past the bound), lifetime (reconnects by design), error",
      labelNames: ["reason"] as const,
      registers,
    }),
    followRefusals: new Counter({
      name: "runcoach_live_follow_refusals_total",
      help: "Follow requests of allowed viewers answered 503 because the run had as many followers as it may",
      registers,
    }),
    fanoutEvents: new Counter({
      name: "runcoach_live_fanout_events_total",
      help: "Events the live fan-out published to followers, by type (update, finished)",
      labelNames: ["type"] as const,
      registers,
    }),
    fanoutFoldFailures: new Counter({
      name: "runcoach_live_fanout_fold_failures_total",
      help: "Batches the live fan-out could not fold (Redis or PostgreSQL unavailable) and committed past: a gap a follower may see",
      registers,
    }),
    fixToPublishSeconds: new Histogram({
      name: "runcoach_live_fix_to_publish_seconds",
      help: "From the runner's last fix in a batch (the phone's clock) to its event published in Redis: the phone's upload wait plus the pipeline",
      buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 15, 30, 60],
      registers,
    }),
  };
  for (const reason of STREAM_ENDS) metrics.streamsEnded.inc({ reason }, 0);
  return metrics;
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;

const globalForLiveMetrics = globalThis as unknown as { runcoachLiveMetrics?: LiveMetrics | null };

/** This process's live metrics, made on first use (every Next bundle shares them); null when METRICS=off. */
export function getLiveMetrics(): LiveMetrics | null {
  if (globalForLiveMetrics.runcoachLiveMetrics !== undefined) return globalForLiveMetrics.runcoachLiveMetrics;
  const registry = processRegistry();
  return (globalForLiveMetrics.runcoachLiveMetrics = registry ? createLiveMetrics(registry) : null);
}
