/**
 * `npm run bench:search`: catalog search latency over the seeded catalog, in-process (the service function
 * the tRPC procedure calls), on PGlite by default or on DATABASE_URL. The baseline, measured in the same run
 * on the same connection, is a trivial `select 1`, so the figures read as "search costs N round trips".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/server/db/client";
import { readCatalog, seedCatalog } from "@/server/db/seed-catalog";
import { searchCourses, type CourseSearchInput } from "@/server/courses/search";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const QUERIES: CourseSearchInput[] = [
  {},
  { q: "interval" },
  { q: "인터벌" },
  { q: "전력 질주" },
  { q: "tempo run" },
  { level: "beginner", duration: "medium" },
  { q: "달리기", program: "30-minute-run-challenge" },
  { q: "zzz" },
];

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

const pgliteDir = mkdtempSync(path.join(tmpdir(), "runcoach-bench-"));
const database = openDatabase({ url: process.env.DATABASE_URL, pgliteDir });
try {
  await database.migrate();
  const catalog = await readCatalog();
  await seedCatalog(database.db, catalog);
  const courseCount = catalog.programs.reduce((n, p) => n + p.courses.length, 0);
  console.log(`search benchmark: ${database.kind}, ${courseCount} courses, ${ITERATIONS} iterations per query\n`);

  const baseline = percentiles(await time(() => database.db.execute(sql`select 1`)));
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`${"query".padEnd(58)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"p99".padStart(9)}  p50 / baseline`);
  console.log(`${"baseline: select 1".padEnd(58)} ${fmt(baseline.p50).padStart(9)} ${fmt(baseline.p95).padStart(9)} ${fmt(baseline.p99).padStart(9)}  1.0×`);
  const all: number[] = [];
  for (const query of QUERIES) {
    const results = (await searchCourses(database.db, query)).length;
    const samples = await time(() => searchCourses(database.db, query));
    all.push(...samples);
    const p = percentiles(samples);
    const label = `${JSON.stringify(query)} → ${results}`;
    console.log(`${label.padEnd(58)} ${fmt(p.p50).padStart(9)} ${fmt(p.p95).padStart(9)} ${fmt(p.p99).padStart(9)}  ${(p.p50 / baseline.p50).toFixed(1)}×`);
  }
  const overall = percentiles(all);
  console.log(`\nall queries: p50 ${fmt(overall.p50)}, p95 ${fmt(overall.p95)}, p99 ${fmt(overall.p99)} (${(overall.p50 / baseline.p50).toFixed(1)}× the baseline p50)`);
} finally {
  await database.close();
  rmSync(pgliteDir, { recursive: true, force: true });
}
