/**
 * Demo data for a newcomer's first look (`npm run up`): a demo runner whose history holds a few months of
 * runs made from the real recorded tracks in ../shared/gpx (shifted to recent dates, one every few days, and a
 * run every three weeks in the year before, for the cold tier), and a demo friend with runs of their own, friends with the demo runner. Everything goes through the same
 * services as the app (sign-up, point store, run events), so records are computed the real way.
 * Idempotent: if the demo runner exists, nothing is done.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { pathDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { parseGpxPoints } from "@/domain/gpx/parse-gpx";
import { parseTcxPoints } from "@/domain/gpx/parse-tcx";
import type { RunEvent } from "@/domain/run/events";
import { inlineRecordPublisher } from "../activities/inline-records";
import { syncRunEvents } from "../activities/run-events";
import type { Auth } from "../auth";
import type { LocationStore } from "../cassandra/location-store";
import type { Database } from "../db";
import { courses, user } from "../db/schema";
import { stableUuid } from "../db/seed-catalog";
import { respondToFriendRequest, sendFriendRequest } from "../friends/friendships";
import { DEMO_FRIEND, DEMO_PASSWORD, DEMO_RUNNER } from "./demo-accounts";
import { matchCourse } from "./match-course";

export { DEMO_FRIEND, DEMO_PASSWORD, DEMO_RUNNER } from "./demo-accounts";

const TRACKS = [
  "wt-garmin-connect-run-3k.gpx",
  "tcxparser-forerunner410-run-4.7k.tcx",
  "gpxgo-mytracks-android-4.4k.gpx",
  "togeojson-strava-run-1hz-gap.gpx",
  "georust-garmin-casual-stroll-12.8k.gpx",
];
const DAY_MS = 24 * 3600_000;
const POINT_BATCH = 500;
/** Runs 100–373 days old, beyond the default archive age (90 days). */
export const OLD_RUNS = 14;

export interface DemoDeps {
  db: Database;
  auth: Auth;
  locationStore: () => Promise<LocationStore>;
  tracksDir: string;
  now?: number;
}

async function loadTrack(dir: string, name: string) {
  const text = await readFile(path.join(dir, name), "utf8");
  const parsed = name.endsWith(".tcx") ? parseTcxPoints(text) : parseGpxPoints(text);
  return parsed.filter((p): p is typeof p & { ts: number } => p.ts !== null);
}

type Track = Awaited<ReturnType<typeof loadTrack>>;

function summarise(track: Track) {
  return { meters: pathDistance(track), seconds: (track.at(-1)!.ts - track[0]!.ts) / 1000 };
}

async function createUser(deps: DemoDeps, who: typeof DEMO_RUNNER): Promise<string> {
  const { user: created } = await deps.auth.api.signUpEmail({ body: { ...who, password: DEMO_PASSWORD } });
  return created.id;
}

/** Records one run from a track: its points shifted to start at `startAt`, then start and finish events. */
async function recordRun(deps: DemoDeps, userId: string, runKey: string, track: Track, startAt: number, courseId: string) {
  const shift = startAt - track[0]!.ts;
  const activityId = stableUuid(`demo-run:${runKey}`);
  const points: TrackPoint[] = track.map((p, i) => ({
    id: stableUuid(`demo-point:${runKey}:${i}`),
    ts: p.ts + shift,
    lat: p.lat,
    lng: p.lng,
    altitude: p.altitude,
    accuracy: 5,
    speed: null,
  }));
  const store = await deps.locationStore();
  for (let i = 0; i < points.length; i += POINT_BATCH) await store.append(activityId, points.slice(i, i + POINT_BATCH));
  const events: RunEvent[] = [
    { id: stableUuid(`demo-event:${runKey}:start`), activityId, seq: 1, at: points[0]!.ts, type: "start", courseId },
    { id: stableUuid(`demo-event:${runKey}:finish`), activityId, seq: 2, at: points.at(-1)!.ts, type: "finish", status: "completed" },
  ];
  await syncRunEvents({ db: deps.db, publisher: inlineRecordPublisher(deps) }, userId, { activityId, events });
}

export async function seedDemo(deps: DemoDeps): Promise<{ created: boolean; runs: number }> {
  const [existing] = await deps.db.select({ id: user.id }).from(user).where(eq(user.username, DEMO_RUNNER.username)).limit(1);
  if (existing) return { created: false, runs: 0 };

  const now = deps.now ?? Date.now();
  const runnerId = await createUser(deps, DEMO_RUNNER);
  const friendId = await createUser(deps, DEMO_FRIEND);
  const tracks = await Promise.all(TRACKS.map((name) => loadTrack(deps.tracksDir, name)));
  const catalog = await deps.db
    .select({ id: courses.id, totalSeconds: courses.totalSeconds, runningSeconds: courses.runningSeconds })
    .from(courses);
  // Each track goes with a course of its kind (walked or run) and about its length.
  const courseFor = (track: Track) => {
    const courseId = matchCourse(summarise(track), catalog);
    if (!courseId) throw new Error("the catalog has no course of this track's kind (walking or running)");
    return courseId;
  };

  let runs = 0;
  // The demo runner: a run every 4 days for about three months, early morning, cycling through the tracks.
  for (let i = 0; i < 22; i++) {
    const track = tracks[i % tracks.length]!;
    const day = now - (i + 1) * 4 * DAY_MS;
    const startAt = day - (day % DAY_MS) + (6 * 60 + ((i * 17) % 90)) * 60_000 - 9 * 3600_000; // ~06:00–07:30 in Seoul
    await recordRun(deps, runnerId, `runner-${i}`, track, startAt, courseFor(track));
    runs++;
  }
  // The year before: a run every three weeks, old enough for the archiver to move to the cold tier (the seed
  // script runs a pass right after), so the history and run pages show cold runs beside hot ones.
  for (let i = 0; i < OLD_RUNS; i++) {
    const track = tracks[(i + 1) % tracks.length]!;
    const day = now - (100 + i * 21) * DAY_MS;
    const startAt = day - (day % DAY_MS) + (6 * 60 + ((i * 23) % 90)) * 60_000 - 9 * 3600_000;
    await recordRun(deps, runnerId, `runner-old-${i}`, track, startAt, courseFor(track));
    runs++;
  }
  // The friend: a few evening runs.
  for (let i = 0; i < 5; i++) {
    const track = tracks[(i + 2) % tracks.length]!;
    const day = now - (i * 6 + 2) * DAY_MS;
    const startAt = day - (day % DAY_MS) + 10 * 3600_000; // 19:00 in Seoul
    await recordRun(deps, friendId, `friend-${i}`, track, startAt, courseFor(track));
    runs++;
  }
  await sendFriendRequest(deps.db, runnerId, { username: DEMO_FRIEND.username });
  await respondToFriendRequest(deps.db, friendId, { userId: runnerId, action: "accept" });
  return { created: true, runs };
}
