/** The record computation as it was before issue 15 (commit ba6bcfa), frozen so `npm run bench:accuracy` can print before and after. Not used by the app. */
/**
 * The numbers that decide what counts in a run's record, in one place so they can be tuned and rerun
 * (the raw points are always kept). docs/record.md explains each with its reason.
 */

/** Fixes whose reported accuracy radius is worse than this are not trusted for distance. */
export const MAX_ACCURACY_METERS = 30;

/** Faster than this between two fixes is not a runner on foot (elite sprinters peak near 12 m/s, and
 * only for seconds): the step is a GPS error. */
export const MAX_SPEED_MPS = 10;

/** A step whose surroundings (± STOP_WINDOW_SECONDS) move slower than this is standing still: the
 * apparent movement is GPS jitter, so it adds neither distance nor moving time. A slow walk is ~1.1 m/s. */
export const STOP_SPEED_MPS = 0.5;
export const STOP_WINDOW_SECONDS = 5;

/** Fixes in the first seconds after the run starts or resumes are dropped: the receiver has just been asked
 * for positions and its first fixes are cached or still converging, often tens of metres off while
 * reporting a fine accuracy. The runner is usually still putting the phone away and getting going, so the
 * real distance lost is a few metres; the false distance avoided is often tens. */
export const WARM_UP_SECONDS = 5;

/** Between two fixes further apart than this in time the route is drawn with a gap, not a line. */
export const GAP_SECONDS = 30;

/** Climbs smaller than this are elevation noise: GPS altitude wanders ±2–3 m on flat ground (4–6 m peak to
 * peak), which a 3 m threshold still counted on the phone track; real hills are far taller than 5 m. */
export const ELEVATION_HYSTERESIS_METERS = 5;

/** Above this speed a step is costed as running, below as walking (calories). */
export const RUNNING_SPEED_MPS = 2.2;

/** Energy per kilogram per kilometre: ~1 kcal running (ACSM), ~0.5 kcal brisk walking. */
export const KCAL_PER_KG_KM_RUNNING = 1.0;
export const KCAL_PER_KG_KM_WALKING = 0.5;
export const DEFAULT_WEIGHT_KG = 70;
