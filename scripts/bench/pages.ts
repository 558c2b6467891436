/**
 * `npm run bench:pages`: server time of the history and run pages for a runner with a long history.
 *
 * It starts what it needs and stops it afterwards, beside anything else running: its own Cassandra node
 * (port 9642, .data/bench-pages-cassandra), its own Kafka broker (port 9792, .data/bench-pages-kafka) and one
 * Location Service (metrics on 3710), which computes the finished run's record, a throwaway PostgreSQL
 * database, and the built app on port 3700.
 * It seeds one runner with 1,000 runs over three years (records computed the real way from synthetic tracks,
 * see pages/synthetic-runs.ts) and one hour-long run at 1 Hz (3,600 points in Cassandra, finished through the
 * app, so the Location Service computes and stores its record), then times, one request after another after a warm-up:
 * GET /history (first page), GET /history?cursor=… (a page 500 runs deep), GET /runs/<the hour run> and its GPX
 * export, the same for a copy of the hour run 100 days old that the archiver moved to the cold tier, and as
 * the baseline GET /api/health (one round trip to each store). Time is to the last byte of the HTML.
 *
 * Env: BENCH_REQUESTS per target (default 300), BENCH_WARMUP (default 30).
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { archiveRun } from "@/server/archive/archive-run";
import { claimRun } from "@/server/archive/claims";
import { createColdLocations } from "@/server/cassandra/cold-locations";
import { createHotLocations, createLocationStore } from "@/server/cassandra/location-store";
import { openDatabase } from "@/server/db/client";
import { activities, courseSteps, courses } from "@/server/db/schema";
import { matchCourse } from "@/server/demo/match-course";
import { startBenchStack, type BenchStack } from "./lib/bench-stack";
import { seededRandom, syntheticHistory, syntheticTrack, type BenchCourse } from "./pages/synthetic-runs";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const HISTORY_RUNS = 1_000;
const runId = Date.now().toString(36);

/** A tRPC mutation that must succeed. */
async function mutate(stack: BenchStack, procedure: string, cookie: string, input: unknown) {
  const response = await stack.trpcPost(procedure, cookie, input);
  if (!response.ok) throw new Error(`${procedure} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
}

/** `REQUESTS` sequential GETs after `WARMUP` unmeasured ones; milliseconds to the last byte. */
async function measure(baseUrl: string, pathName: string, cookie: string): Promise<Timing> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${pathName}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${pathName} answered ${response.status}`);
    return { ms: performance.now() - started, bytes: body.byteLength };
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const result = await once();
    times.push(result.ms);
    bytes = result.bytes;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), bytes };
}

const cleanups: (() => Promise<void>)[] = [];
let stack: BenchStack | undefined;
try {
  stack = await startBenchStack({ name: "pages", cassandraPort: 9642, appPort: 3700, kafka: { port: 9792 }, writers: 1, writerPortBase: 3710 });
  const { databaseUrl } = stack;
  const database = openDatabase({ url: databaseUrl, pgliteDir: "" });
  cleanups.unshift(() => database.close());
  const { db } = database;
  const runner = await stack.signUp(`pages${runId}`);
  const userId = runner.userId;
  // As a browser in Seoul that chose English: the time-zone cookie makes totals local.
  const cookie = `${runner.cookie}; tz=Asia%2FSeoul; locale=en`;

  // 1,000 runs over three years, straight into PostgreSQL (records computed as the app computes them).
  const catalog = await db.select({ id: courses.id, totalSeconds: courses.totalSeconds, runningSeconds: courses.runningSeconds }).from(courses);
  const steps = await db.select().from(courseSteps).orderBy(asc(courseSteps.courseId), asc(courseSteps.position));
  const benchCourses: BenchCourse[] = catalog.map((course) => ({
    ...course,
    steps: steps.filter((step) => step.courseId === course.id).map((step) => ({ type: step.type, durationSeconds: step.durationSeconds })),
  }));
  const seedStarted = performance.now();
  const history = syntheticHistory(benchCourses, HISTORY_RUNS, Date.now() - 3 * 3_600_000);
  for (let i = 0; i < history.length; i += 100) {
    await db.insert(activities).values(
      history.slice(i, i + 100).map((activity) => ({ ...activity, userId, status: "completed" as const, recordComputedAt: new Date() })),
    );
  }
  console.log(`  seeded ${history.length} runs in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // The hour-long run: started and finished through the app, its 3,600 points written to Cassandra between.
  const hourCourse = matchCourse({ meters: 10_000, seconds: 3_600 }, catalog)!;
  const store = createLocationStore(stack.cassandra);
  const finishedHourRun = async (startedAt: number) => {
    const id = randomUUID();
    const points = syntheticTrack(startedAt, 3_599, 2.8, 1, seededRandom(3_600));
    await mutate(stack!, "activities.syncEvents", cookie, { activityId: id, events: [{ id: randomUUID(), activityId: id, seq: 1, at: startedAt, type: "start", courseId: hourCourse }] });
    for (let i = 0; i < points.length; i += 500) await store.append(id, points.slice(i, i + 500));
    await mutate(stack!, "activities.syncEvents", cookie, {
      activityId: id,
      events: [{ id: randomUUID(), activityId: id, seq: 2, at: points.at(-1)!.ts, type: "finish", status: "completed" }],
    });
    // The finish asks the Location Service for the record, off the request path: wait for it.
    let row: { pointCount: number | null } | undefined;
    for (let i = 0; i < 600 && row?.pointCount !== 3_600; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      [row] = await db.select({ pointCount: activities.pointCount }).from(activities).where(and(eq(activities.id, id), eq(activities.userId, userId)));
    }
    if (row?.pointCount !== 3_600) throw new Error(`the hour run's record has ${row?.pointCount} points, not 3,600`);
    return id;
  };
  const hourId = await finishedHourRun(Date.now() - 2 * 3_600_000);
  // The same hour as a run 100 days old, moved to the cold tier by the archiver, for the cold run page and GPX.
  const coldId = await finishedHourRun(Date.now() - 100 * 86_400_000);
  const claim = await claimRun(db, coldId, 60_000);
  const archived = claim && (await archiveRun({ db, hot: createHotLocations(stack.cassandra), cold: createColdLocations(stack.cassandra), now: () => Date.now() + 120_000 }, claim.token, claim.runs[0]!));
  if (archived?.outcome !== "archived" || (await createHotLocations(stack.cassandra).read(coldId)).length !== 0) {
    throw new Error(`the cold run was not archived: ${JSON.stringify(archived)}`);
  }

  // A cursor 500 runs deep, as the "Load more" link 25 pages in would carry.
  const [deep] = await db
    .select({ startedAt: activities.startedAt, id: activities.id })
    .from(activities)
    .where(eq(activities.userId, userId))
    .orderBy(desc(activities.startedAt), desc(activities.id))
    .offset(499)
    .limit(1);
  const targets: [string, string][] = [
    ["baseline GET /api/health", "/api/health"],
    ["GET /history", "/history"],
    ["GET /history?cursor=<500 deep>", `/history?cursor=${deep!.startedAt.getTime()}.${deep!.id}`],
    ["GET /runs/<3,600-point run>", `/runs/${hourId}`],
    ["GET /runs/<the same, cold>", `/runs/${coldId}`],
    ["GET /runs/<3,600-point run>/gpx", `/runs/${hourId}/gpx`],
    ["GET /runs/<the same, cold>/gpx", `/runs/${coldId}/gpx`],
  ];
  const results = new Map<string, Timing>();
  for (const [label, pathName] of targets) results.set(label, await measure(stack.baseUrl, pathName, cookie));
  const baseline = results.get(targets[0]![0])!;

  console.log(`\npage benchmark: ${REQUESTS} sequential requests per target after ${WARMUP} warm-up, ms to the last byte\n`);
  console.log(`${"target".padEnd(32)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)}   ${"p50/base".padStart(8)} ${"p99/base".padStart(8)}   KiB`);
  for (const [label, timing] of results) {
    console.log(
      `${label.padEnd(32)} ${timing.p50.toFixed(1).padStart(7)} ${timing.p95.toFixed(1).padStart(7)} ${timing.p99.toFixed(1).padStart(7)}   ${(timing.p50 / baseline.p50).toFixed(1).padStart(8)} ${(timing.p99 / baseline.p99).toFixed(1).padStart(8)}   ${(timing.bytes / 1024).toFixed(0)}`,
    );
  }
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error("cleanup:", error));
  await stack?.close();
}
