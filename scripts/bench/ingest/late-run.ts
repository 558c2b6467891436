/**
 * Part 5: a 3,600-point run uploaded after its finish, the usual case offline. The run is started and
 * finished (syncEvents start + finish, no points) through the upload API; once the finish's own record is
 * computed, its 3,600 points (an hour at 1 Hz, pages/synthetic-runs.ts) go up right after, in 18 batches of
 * 200, one after another as the outbox sends them. Counted: record computations stored
 * (location_service_record_jobs_total{outcome="stored"}) from the first late batch until 3 s after the
 * record shows 3,600 points, and the writers' CPU over the same span (less their idle rate, measured just
 * before).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/server/db/client";
import { activities } from "@/server/db/schema";
import { seededRandom, syntheticTrack } from "../pages/synthetic-runs";
import { clock } from "./load";
import { COURSE_ID, type BenchContext } from "./context";
import { fmt } from "./format";
import { histogram, total } from "./metrics";

export interface LateRunSummary {
  computations: number;
  writerCpuMs: number;
  writerNetCpuMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const BATCHES = 18;
const BATCH = 200;

export async function lateRun(ctx: BenchContext): Promise<LateRunSummary> {
  console.log(`\n5. A 3,600-point run uploaded after its finish: start + finish synced with no points, then ${BATCHES} batches of ${BATCH} through the upload API\n`);
  const database = openDatabase({ url: ctx.stack.databaseUrl, pgliteDir: "" });
  try {
    const cookie = ctx.cookies[0]!;
    const activityId = randomUUID();
    const startedAt = Date.now() - 2 * 3_600_000;
    const points = syntheticTrack(startedAt, BATCHES * BATCH - 1, 2.8, 1, seededRandom(3_600));
    const state = async () => {
      const [row] = await database.db
        .select({ pointCount: activities.pointCount, requested: activities.recordRequestedSeq, computed: activities.recordComputedSeq })
        .from(activities)
        .where(eq(activities.id, activityId));
      return row;
    };
    const until = async (done: (row: Awaited<ReturnType<typeof state>>) => boolean, timeoutMs: number) => {
      const deadline = clock() + timeoutMs;
      while (clock() < deadline) {
        if (done(await state())) return clock();
        await sleep(100);
      }
      throw new Error(`the run's record did not reach the expected state within ${timeoutMs / 1000} s: ${JSON.stringify(await state())}`);
    };
    const stored = async () => total(await ctx.scrape(), "location_service_record_jobs_total", { outcome: "stored" });

    const storedAtStart = await stored();
    const events = [
      { id: randomUUID(), activityId, seq: 1, at: startedAt, type: "start", courseId: COURSE_ID },
      { id: randomUUID(), activityId, seq: 2, at: points.at(-1)!.ts, type: "finish", status: "completed" },
    ];
    const synced = await ctx.stack.trpcPost("activities.syncEvents", cookie, { activityId, events }, ctx.uploadUrl);
    if (!synced.ok) throw new Error(`syncEvents answered ${synced.status}: ${await synced.text()}`);
    await until((row) => !!row && row.requested >= 1 && row.computed >= row.requested, 60_000);
    await sleep(1_500); // past the scheduler's debounce: nothing of the finish is still to come
    const finishComputations = (await stored()) - storedAtStart;

    const idleFrom = ctx.cpu();
    await sleep(3_000);
    const idleTo = ctx.cpu();
    const idleRate = (idleTo.ms.writers - idleFrom.ms.writers) / (idleTo.at - idleFrom.at);

    const before = ctx.cpu();
    const storedBefore = await stored();
    const jobSecondsBefore = histogram(await ctx.scrape(), "location_service_record_job_seconds").sum;
    for (let i = 0; i < points.length; i += BATCH) {
      const response = await ctx.stack.trpcPost("activities.appendPoints", cookie, { activityId, points: points.slice(i, i + BATCH) }, ctx.uploadUrl);
      if (!response.ok) throw new Error(`appendPoints answered ${response.status}: ${await response.text()}`);
    }
    const lastAck = clock();
    ctx.acknowledged.points += points.length;
    const recordAt = await until((row) => row?.pointCount === points.length && row.computed >= row.requested, 120_000);
    await sleep(3_000);
    const after = ctx.cpu();
    const computations = (await stored()) - storedBefore;
    const jobSeconds = histogram(await ctx.scrape(), "location_service_record_job_seconds").sum - jobSecondsBefore;
    const writerCpuMs = after.ms.writers - before.ms.writers;
    const writerNetCpuMs = writerCpuMs - idleRate * (after.at - before.at);

    console.log(`  the finish's own computation (no points yet): ${finishComputations}`);
    console.log(`  ${BATCHES} uploads acknowledged in ${fmt(lastAck - before.at)} ms; the record showed ${fmt(points.length)} points ${fmt((recordAt - lastAck) / 1000, 1)} s after the last`);
    console.log(`  record computations for the late batches: ${computations} (location_service_record_jobs_total{outcome="stored"}, until 3 s after)`);
    console.log(`  before: ${BATCHES} (the old design recomputed the record inside the request once per late batch: its count, not a measurement)`);
    console.log(
      `  writers' CPU from the first late batch to 3 s after the record: ${fmt(writerCpuMs)} ms over ${fmt((after.at - before.at) / 1000, 1)} s ` +
        `(idle ${fmt(idleRate * 1000, 1)} ms/s; net ≈ ${fmt(writerNetCpuMs)} ms, writing the points and computing the record); ` +
        `record jobs ${fmt(jobSeconds * 1000)} ms of wall time`,
    );
    return { computations, writerCpuMs, writerNetCpuMs };
  } finally {
    await database.close();
  }
}
