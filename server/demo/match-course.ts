/**
 * Which catalog course a recorded demo track is attached to. A walk must not be filed under a running
 * course (a 12 km stroll is not "Run 60 minutes") nor a run under a walking one: the track's average
 * speed says whether it was run or walked, and only courses of that kind are candidates; among them, the
 * one whose length is closest to the track's wins. When no course of the right kind exists: none.
 */
export interface CatalogCourse {
  id: string;
  totalSeconds: number;
  /** Seconds of jog, run and sprint steps. */
  runningSeconds: number;
}

export interface TrackSummary {
  meters: number;
  seconds: number;
}

/** Slower than this (8:20 per km) is walking pace, faster is running, as most sports apps split them. */
export const RUNNING_SPEED_MPS = 2.0;
/** A running course runs for at least half its time; a walking course for at most a fifth. */
const RUNNING_SHARE = 0.5;
const WALKING_SHARE = 0.2;

export function isRunningPace(track: TrackSummary): boolean {
  return track.seconds > 0 && track.meters / track.seconds >= RUNNING_SPEED_MPS;
}

export function matchCourse(track: TrackSummary, catalog: readonly CatalogCourse[]): string | null {
  const running = isRunningPace(track);
  const candidates = catalog.filter((course) => {
    const share = course.totalSeconds > 0 ? course.runningSeconds / course.totalSeconds : 0;
    return running ? share >= RUNNING_SHARE : share <= WALKING_SHARE;
  });
  let best: CatalogCourse | null = null;
  for (const course of candidates) {
    if (!best || Math.abs(course.totalSeconds - track.seconds) < Math.abs(best.totalSeconds - track.seconds)) best = course;
  }
  return best?.id ?? null;
}
