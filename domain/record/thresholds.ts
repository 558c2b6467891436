/**
 * The numbers that decide what counts in a run's record, in one place so they can be tuned and rerun
 * (the raw points are always kept). docs/record.md explains each with its reason.
 */

/** Fixes whose reported accuracy radius is worse than this are not trusted for distance. */
export const MAX_ACCURACY_METERS = 30;

/** Faster than this between two fixes is not a runner on foot (elite sprinters peak near 12 m/s, and
 * only for seconds): the step is a GPS error. */
export const MAX_SPEED_MPS = 10;

/** A step whose surroundings (± STOP_WINDOW_SECONDS, on the smoothed track) move slower than a crawl is
 * standing still: the apparent movement is GPS wander, so it adds neither distance nor moving time. The crawl
 * is STOP_SPEED_MPS, or the fixes' worst accuracy radius over STOP_WANDER_SECONDS when that is more (a
 * stationary receiver wanders about its accuracy radius in that time, so slower is not resolved). A hiker on
 * a steep climb moves at 0.3–0.5 m/s, which must count. */
export const STOP_SPEED_MPS = 0.2;
export const STOP_WANDER_SECONDS = 16;
export const STOP_WINDOW_SECONDS = 5;
/** …and whose smoothed path over that window is shorter than this many crawls (a U-turn has a long path
 * but little net displacement; a stop has neither). */
export const STOP_PATH_FACTOR = 2;
/** A step longer than the window, slower than this and slower than SLOWDOWN_FRACTION of its neighbours'
 * median speed is a stop: the runner stood and a recorder that fixes on movement went quiet (stops.ts). */
export const WALK_SPEED_MPS = 0.5;
export const SLOWDOWN_FRACTION = 0.25;

/** Fixes in the first seconds after the run starts or resumes are dropped: the receiver has just been asked
 * for positions and its first fixes are cached or still converging, often tens of metres off while
 * reporting a fine accuracy. The runner is usually still putting the phone away and getting going, so the
 * real distance lost is a few metres; the false distance avoided is often tens. */
export const WARM_UP_SECONDS = 5;

/** A step is a stretch with no fixes (a tunnel, a locked screen), drawn dashed, when it is longer than
 * GAP_CADENCE_FACTOR times the track's own spacing around it (the median of UNRECORDED_CONTEXT_STEPS steps
 * either side) and longer than GAP_MIN_SECONDS after fixes every DENSE_CADENCE_SECONDS or less, or than
 * SPARSE_GAP_MIN_SECONDS after sparser ones (a watch's smart recording spaces fixes up to 60 s apart by
 * design: its cadence, not a hole); any step over GAP_MAX_SECONDS is one. */
export const GAP_MIN_SECONDS = 30;
export const DENSE_CADENCE_SECONDS = 2;
export const SPARSE_GAP_MIN_SECONDS = 60;
export const GAP_CADENCE_FACTOR = 6;
export const GAP_MAX_SECONDS = 180;
export const UNRECORDED_CONTEXT_STEPS = 10;

/** The smoother's model (smooth-track.ts). Spectral density of the runner's acceleration noise (m²/s³):
 * how quickly pace and heading may change. */
export const SMOOTH_ACCELERATION_NOISE = 3;
/** A reported accuracy radius to one axis's standard deviation of the fix's error. */
export const ACCURACY_TO_SIGMA = 0.5;
/** Accuracy assumed for a fix that reports none (files from watches and most exports carry none). */
export const DEFAULT_ACCURACY_METERS = 3;
/** No fix is trusted to better than this radius, whatever it reports. */
export const MIN_ACCURACY_METERS = 3;

/** How far back a step's fate can reach: the stop window, the smoother's memory (a second or two at 1 Hz,
 * one or two fixes when sparse) and the spacing the gap rule compares with. The live view keeps this much
 * of the settled track as context so its steps come out as the server's. */
export const SETTLED_CONTEXT_SECONDS = 30;

/** Climbs smaller than this are elevation noise: GPS altitude wanders ±2–3 m on flat ground (4–6 m peak to
 * peak), which a 3 m threshold still counted on the phone track; real hills are far taller than 5 m. */
export const ELEVATION_HYSTERESIS_METERS = 5;

/** Above this speed a step is costed as running, below as walking (calories). */
export const RUNNING_SPEED_MPS = 2.2;

/** Energy per kilogram per kilometre: ~1 kcal running (ACSM), ~0.5 kcal brisk walking. */
export const KCAL_PER_KG_KM_RUNNING = 1.0;
export const KCAL_PER_KG_KM_WALKING = 0.5;
export const DEFAULT_WEIGHT_KG = 70;
