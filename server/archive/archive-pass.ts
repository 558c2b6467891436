/**
 * One pass of the archiver: claims due runs a batch at a time (oldest first) and archives each (archive-run.ts)
 * until none is due, the signal aborts, or every run a claim returns was already handled in this pass (points
 * still arriving for an old run must not keep a pass going forever). Several Location Services may run passes at
 * once; their claims keep them on different runs. A run that fails keeps its claim until the lease runs out, so
 * this pass does not pick it again at once; the next pass retries it.
 */
import type { Logger } from "pino";
import { claimDueRuns, countDueRuns, releaseClaims } from "./claims";
import { archiveRun, type ArchiveRunDeps, type ArchiveOutcome } from "./archive-run";

/** Failures in a row after which a pass stops: the stores are likely unavailable, and the next pass will do. */
const MAX_FAILURES_IN_A_ROW = 5;

export interface ArchivePassOptions {
  /** Runs that started before this are due. */
  cutoff: Date;
  /** Runs claimed at a time. Default 20. */
  batchSize?: number;
  /** How long a claim keeps other archivers off a run. Default 10 minutes: far longer than a batch takes. */
  leaseMs?: number;
  signal?: AbortSignal;
  onRun?: (event: { activityId: string; outcome: ArchiveOutcome | "failed"; points: number; hotRows: number }) => void;
}

export interface ArchivePassResult {
  /** Runs due when the pass began. */
  due: number;
  archived: number;
  points: number;
  failed: number;
  claimLost: number;
  elapsedMs: number;
  stoppedEarly: boolean;
}

export async function archivePass(deps: ArchiveRunDeps & { log?: Logger }, o: ArchivePassOptions): Promise<ArchivePassResult> {
  const started = Date.now();
  const result: ArchivePassResult = {
    due: await countDueRuns(deps.db, o.cutoff),
    archived: 0,
    points: 0,
    failed: 0,
    claimLost: 0,
    elapsedMs: 0,
    stoppedEarly: false,
  };
  const handled = new Set<string>();
  let failuresInARow = 0;
  for (;;) {
    if (o.signal?.aborted) {
      result.stoppedEarly = true;
      break;
    }
    const claim = await claimDueRuns(deps.db, { cutoff: o.cutoff, limit: o.batchSize ?? 20, leaseMs: o.leaseMs ?? 600_000 });
    const fresh = claim.runs.filter((run) => !handled.has(run.id));
    await releaseClaims(deps.db, claim.token, claim.runs.filter((run) => handled.has(run.id)).map((run) => run.id));
    if (fresh.length === 0) break;
    for (const [i, run] of fresh.entries()) {
      if (o.signal?.aborted || failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        await releaseClaims(deps.db, claim.token, fresh.slice(i).map((r) => r.id));
        result.stoppedEarly = true;
        break;
      }
      handled.add(run.id);
      try {
        const done = await archiveRun(deps, claim.token, run);
        failuresInARow = 0;
        if (done.outcome === "archived") {
          result.archived++;
          result.points += done.points;
        } else result.claimLost++;
        o.onRun?.({ activityId: run.id, ...done });
      } catch (error) {
        result.failed++;
        failuresInARow++;
        deps.log?.error({ err: error, activityId: run.id }, "archiving a run failed; it is tried again on a later pass");
        o.onRun?.({ activityId: run.id, outcome: "failed", points: 0, hotRows: 0 });
      }
    }
    if (result.stoppedEarly) break;
  }
  result.elapsedMs = Date.now() - started;
  return result;
}
