/** No run with this activity id is kept on this device (never started here, or already cleared). */
export class RunNotFoundError extends Error {
  readonly code = "RUN_NOT_FOUND" as const;
  constructor(readonly activityId: string) {
    super(`No run ${activityId} is stored on this device`);
  }
}
