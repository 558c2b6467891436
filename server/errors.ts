/**
 * Every domain error, defined here and only here: thrown by services, translated to tRPC errors in one place
 * (server/api/trpc.ts). Anything that is not one of these reaches the client only as a generic internal error.
 * An error a client should come back from says when (`retryAfterSeconds`): the HTTP fronts turn it into
 * `Retry-After` (server/api/http-edge.ts) without knowing which error it was.
 */
/**
 * Marks domain errors by a registered symbol, not only by class: Next's server build can hold one module in
 * two chunks (seen: the producer's QueueUnavailableError failed `instanceof DomainError` in the built app,
 * and was answered 500), and a symbol from `Symbol.for` is the same in every copy.
 */
const DOMAIN_ERROR = Symbol.for("runcoach.domain-error");

export function isDomainError(error: unknown): error is DomainError {
  return typeof error === "object" && error !== null && (error as { [DOMAIN_ERROR]?: unknown })[DOMAIN_ERROR] === true;
}

/** The domain error with this code, whichever copy of its class made it. */
export function hasDomainCode(error: unknown, ...codes: string[]): boolean {
  return isDomainError(error) && codes.includes(error.code);
}

export abstract class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  abstract readonly code: string;
  abstract readonly trpcCode:
    | "NOT_FOUND"
    | "FORBIDDEN"
    | "BAD_REQUEST"
    | "CONFLICT"
    | "SERVICE_UNAVAILABLE"
    | "TOO_MANY_REQUESTS";
  /** Whole seconds after which the same request may succeed; unset when sending it again will not help. */
  readonly retryAfterSeconds?: number;
}

/** The `Retry-After` a domain error asks for, whichever copy of its class made it; undefined for none. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (!isDomainError(error)) return undefined;
  const seconds = error.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}

/** Kafka or Cassandra out of reach: the phone keeps its points and comes back after this long. */
export const STORE_RETRY_AFTER_SECONDS = 5;

// Activities: runs, their events and points, history.

export class ActivityNotFoundError extends DomainError {
  readonly code = "ACTIVITY_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor(activityId: string) {
    super(`No activity ${activityId}`);
  }
}

/**
 * A runner the caller may not see, or who does not exist: answered alike, so that a stranger learns nothing.
 * With the username asked for (a friend request), it names it; a history asked for answers without.
 */
export class RunnerNotFoundError extends DomainError {
  readonly code = "RUNNER_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor(username?: string) {
    super(username === undefined ? "No runs to show for this runner" : `No runner has the username "${username}"`);
  }
}

/** A friend with home privacy on sees a trimmed route; the full track is the owner's to download. */
export class GpxExportPrivateError extends DomainError {
  readonly code = "GPX_EXPORT_PRIVATE" as const;
  readonly trpcCode = "FORBIDDEN" as const;
  constructor() {
    super("Only the runner can download this run's full track");
  }
}

/**
 * A time-zone name the runtime's zone database knows (the schema checks that) and PostgreSQL's does not: the two
 * are built from different tzdata releases, so a name retired in one (US/Pacific-New) may live on in the other.
 */
export class UnknownTimeZoneError extends DomainError {
  readonly code = "UNKNOWN_TIME_ZONE" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
  constructor(timeZone: string) {
    super(`timeZone: "${timeZone}" is not a time zone the database knows; send a current IANA name such as Asia/Seoul`);
  }
}

/** A sync batch that contradicts itself or its URL: fixing it is the sender's job, retrying will not help. */
export class InvalidRunEventsError extends DomainError {
  readonly code = "INVALID_RUN_EVENTS" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
}

/** An event id or sequence number already stored with other content: two devices, or a client bug. */
export class RunEventConflictError extends DomainError {
  readonly code = "RUN_EVENT_CONFLICT" as const;
  readonly trpcCode = "CONFLICT" as const;
}

/**
 * The events do not make a legal run once folded with what is stored (resume a finished run, a gap in
 * the sequence, time going backwards…). CONFLICT, not BAD_REQUEST: whether a batch is legal depends on
 * the stored log, not on the batch alone.
 */
export class RunTransitionRefusedError extends DomainError {
  readonly code = "ILLEGAL_RUN_TRANSITION" as const;
  readonly trpcCode = "CONFLICT" as const;
}

export class InvalidPointsError extends DomainError {
  readonly code = "INVALID_POINTS" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
}

/** An import whose declared bounds break a rule the schema cannot state (finish before start, a span too long). */
export class InvalidImportError extends DomainError {
  readonly code = "INVALID_IMPORT" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
}

// Courses.

export class CourseNotFoundError extends DomainError {
  readonly code = "COURSE_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor(courseId: string) {
    super(`No course ${courseId}`);
  }
}

// Friends (server/friends/friendships.ts; RunnerNotFoundError above).

export class SelfFriendRequestError extends DomainError {
  readonly code = "SELF_FRIEND_REQUEST" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
  constructor() {
    super("You cannot send a friend request to yourself");
  }
}

/** A request already waiting for an answer, or a friendship that already exists. */
export class FriendshipExistsError extends DomainError {
  readonly code = "FRIENDSHIP_EXISTS" as const;
  readonly trpcCode = "CONFLICT" as const;
}

export class FriendRequestNotFoundError extends DomainError {
  readonly code = "FRIEND_REQUEST_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor() {
    super("No pending friend request from this runner");
  }
}

export class FriendshipNotFoundError extends DomainError {
  readonly code = "FRIENDSHIP_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor() {
    super("You are not friends with this runner and no request is pending between you");
  }
}

// The stores and the upload path: refusals to come back from.

/** Cassandra out of reach on a read. */
export class LocationStoreUnavailableError extends DomainError {
  readonly code = "LOCATION_STORE_UNAVAILABLE" as const;
  readonly trpcCode = "SERVICE_UNAVAILABLE" as const;
  override readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;
  constructor(cause: unknown) {
    super("The location store is unavailable; keep the points and retry later", { cause });
  }
}

/** Too many uploads from one runner; `retryAfterMs` says when the next one will be accepted. */
export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED" as const;
  readonly trpcCode = "TOO_MANY_REQUESTS" as const;
  override readonly retryAfterSeconds: number;
  constructor(readonly retryAfterMs: number) {
    super(`Too many uploads; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

/** Kafka did not acknowledge an upload in time: nothing was accepted, the phone keeps its points and retries. */
export class QueueUnavailableError extends DomainError {
  readonly code = "QUEUE_UNAVAILABLE" as const;
  readonly trpcCode = "SERVICE_UNAVAILABLE" as const;
  override readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;
  constructor(cause: unknown) {
    super("The upload queue is unavailable; keep the points and retry later", { cause });
  }
}
