/**
 * The inverse of `activeSecondsAt`: the wall-clock moment a run reached a given second of active time.
 * The player uses it to say how late a cue was, and to date the automatic finish at the moment the course
 * actually ended rather than at the moment a throttled or suspended tab noticed.
 */
import type { RunTiming } from "@/domain/run/run-clock";

/** Epoch ms at which `activeSeconds` of running was reached; Infinity if a still-open pause came first. */
export function wallTimeAtActiveSeconds(timing: RunTiming, activeSeconds: number): number {
  let at = timing.startedAt + activeSeconds * 1000;
  const pauses = [...timing.pauses].sort((a, b) => a.at - b.at);
  for (const pause of pauses) {
    if (pause.at >= at) break;
    if (pause.resumedAt === null) return Number.POSITIVE_INFINITY;
    at += pause.resumedAt - pause.at;
  }
  return at;
}
