/**
 * `npm run bench:accuracy`: the record's distance and moving-time error, before (the pre-issue-15 code, kept
 * frozen in scripts/bench/accuracy/baseline/) and after (domain/record/), on every shared real track and on the
 * noisy-track generator over 20 seeds of each profile; and how long a 2-hour 1 Hz run takes to compute.
 * Pure computation: no server, no database.
 */
import { performance } from "node:perf_hooks";
import { pathDistance } from "@/domain/geo/distance";
import { computeRecord } from "@/domain/record/compute-record";
import { noisyTrack, type NoisyProfile } from "@/domain/record/testing/noisy-track";
import { loadTrack } from "@/test-support/tracks";
import { computeRecord as computeBaseline } from "./accuracy/baseline/compute-record";

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const pct = (actual: number, expected: number) => `${(((actual - expected) / expected) * 100).toFixed(2)} %`;
const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;

interface Reference {
  name: string;
  distance: number | null;
  moving: number | null;
  note: string;
}
const REFERENCES: Reference[] = [
  { name: "wt-garmin-connect-run-3k.gpx", distance: 3096, moving: null, note: "flat-earth reference" },
  { name: "tcxparser-forerunner410-run-4.7k.tcx", distance: 4686.31, moving: null, note: "watch odometer" },
  { name: "gpxgo-mytracks-android-4.4k.gpx", distance: 4442.98, moving: null, note: "flat-earth reference" },
  { name: "georust-garmin-casual-stroll-12.8k.gpx", distance: 12821.2, moving: null, note: "raw haversine" },
  { name: "gpxgo-etrex10-tiny-64s.gpx", distance: 56.7758 - 1.7, moving: 39, note: "gpxgo less the 1.7 m stationary step" },
  { name: "togeojson-strava-run-1hz-gap.gpx", distance: null, moving: null, note: "none; raw shown" },
];

console.log("## Shared real tracks (no run times, as the files have none)\n");
console.log("| track | reference | before | after | moving before | moving after | route lines before → after |");
console.log("|---|---|---|---|---|---|---|");
for (const ref of REFERENCES) {
  const points = loadTrack(ref.name);
  const before = computeBaseline({ points });
  const after = computeRecord({ points });
  const expected = ref.distance ?? pathDistance(points);
  const movingRef = ref.moving === null ? "" : ` (ref ${ref.moving} s)`;
  console.log(
    `| ${ref.name} | ${expected.toFixed(1)} m (${ref.note}) | ${before.distanceMeters} m (${pct(before.distanceMeters, expected)}) | ${after.distanceMeters} m (${pct(after.distanceMeters, expected)}) | ${before.movingSeconds} s${movingRef} | ${after.movingSeconds} s | ${before.route.length} → ${after.route.length} |`,
  );
}

function summary(errors: number[]) {
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  const worst = errors.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  return `mean ${signed(mean)} %, worst ${signed(worst)} %, range ${signed(Math.min(...errors))} … ${signed(Math.max(...errors))} %`;
}

for (const profile of ["phone", "sparse-trail"] as NoisyProfile[]) {
  const rows = SEEDS.map((seed) => {
    const track = noisyTrack(profile, seed);
    const input = { points: track.points, startedAt: track.startedAt, finishedAt: track.finishedAt };
    const before = computeBaseline(input);
    const after = computeRecord(input);
    const err = (value: number, truth: number) => ((value - truth) / truth) * 100;
    return {
      seed,
      truth: track.truth,
      distance: [err(before.distanceMeters, track.truth.distanceMeters), err(after.distanceMeters, track.truth.distanceMeters)] as const,
      moving: [err(before.movingSeconds, track.truth.movingSeconds), err(after.movingSeconds, track.truth.movingSeconds)] as const,
      lines: [before.route.length, after.route.length] as const,
    };
  });
  console.log(`\n## Generator, profile ${profile}, seeds 1–20 (error against the truth)\n`);
  if (process.argv.includes("--seeds")) {
    console.log("| seed | truth m | truth moving s | distance before | after | moving before | after | route lines before → after |");
    console.log("|---|---|---|---|---|---|---|---|");
    for (const row of rows) {
      console.log(
        `| ${row.seed} | ${row.truth.distanceMeters.toFixed(0)} | ${row.truth.movingSeconds} | ${signed(row.distance[0])} % | ${signed(row.distance[1])} % | ${signed(row.moving[0])} % | ${signed(row.moving[1])} % | ${row.lines[0]} → ${row.lines[1]} |`,
      );
    }
    console.log("");
  }
  console.log("| | before | after |");
  console.log("|---|---|---|");
  console.log(`| distance | ${summary(rows.map((r) => r.distance[0]))} | ${summary(rows.map((r) => r.distance[1]))} |`);
  console.log(`| moving time | ${summary(rows.map((r) => r.moving[0]))} | ${summary(rows.map((r) => r.moving[1]))} |`);
  const lines = (k: 0 | 1) => rows.map((r) => r.lines[k]);
  console.log(`| route lines | ${Math.min(...lines(0))}–${Math.max(...lines(0))} | ${Math.min(...lines(1))}–${Math.max(...lines(1))} |`);
}

// Cost: a 2-hour run at 1 Hz (7,200 fixes), computed whole, as the server does.
const long = noisyTrack("phone", 1, { minSeconds: 2 * 3600 });
const input = { points: long.points, startedAt: long.startedAt, finishedAt: long.finishedAt };
for (let i = 0; i < 5; i++) computeRecord(input); // warm the JIT
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  computeRecord(input);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(`\n## Cost\n\ncomputeRecord over ${long.points.length} fixes (${((long.finishedAt - long.startedAt) / 3_600_000).toFixed(1)} h at 1 Hz): median ${times[10]!.toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms of 20`);
