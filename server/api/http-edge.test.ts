/** `Retry-After` comes from the refusal itself: any domain error that says when, or PostgreSQL out of reach. */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { DATABASE_RETRY_AFTER_SECONDS } from "../db/unavailable";
import { DomainError, LocationStoreUnavailableError, QueueUnavailableError, RateLimitedError, RunEventConflictError, STORE_RETRY_AFTER_SECONDS } from "../errors";
import { responseMeta } from "./http-edge";

const refused = (cause: unknown) => new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
const retryAfter = (...causes: unknown[]) => responseMeta({ errors: causes.map(refused), type: "mutation" }).headers["retry-after"];

/** A domain error the endpoint has never heard of, which says when to come back. */
class MaintenanceError extends DomainError {
  readonly code = "MAINTENANCE";
  readonly trpcCode = "SERVICE_UNAVAILABLE" as const;
  override readonly retryAfterSeconds = 42;
}

describe("Retry-After", () => {
  it("is what a domain error asks for, in whole seconds, whichever error it is", () => {
    expect(retryAfter(new RateLimitedError(2_300))).toBe("3");
    expect(retryAfter(new RateLimitedError(10))).toBe("1");
    expect(retryAfter(new QueueUnavailableError(new Error("down")))).toBe(String(STORE_RETRY_AFTER_SECONDS));
    expect(retryAfter(new LocationStoreUnavailableError(new Error("down")))).toBe(String(STORE_RETRY_AFTER_SECONDS));
    expect(retryAfter(new MaintenanceError("back soon"))).toBe("42");
  });

  it("is PostgreSQL's wait when the database was out of reach", () => {
    expect(retryAfter(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it("is the longest wait of a batch's refusals, and absent when coming back will not help", () => {
    expect(retryAfter(new QueueUnavailableError(new Error("down")), new RateLimitedError(30_000))).toBe("30");
    expect(retryAfter(new RunEventConflictError("two devices"))).toBeUndefined();
    expect(retryAfter(new Error("bug"))).toBeUndefined();
    expect(responseMeta({ errors: [], type: "query" }).headers["retry-after"]).toBeUndefined();
  });
});
