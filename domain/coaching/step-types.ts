/** The kinds of step a course is made of, in the order a runner meets them in most courses. */
export const STEP_TYPES = ["warmup", "walk", "brisk_walk", "jog", "run", "sprint", "cooldown"] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** Steps that count toward a course's "running time". */
export const RUNNING_STEP_TYPES: ReadonlySet<StepType> = new Set(["jog", "run", "sprint"]);

export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
