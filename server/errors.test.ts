import { describe, expect, it } from "vitest";
import { hasDomainCode, isDomainError, QueueUnavailableError, RateLimitedError } from "./errors";

describe("domain errors", () => {
  it("are recognised by their registered mark, also from another copy of this module", () => {
    expect(isDomainError(new QueueUnavailableError(new Error("down")))).toBe(true);
    // What a second copy of the module (another chunk of a build) makes: not an instance of our class.
    const fromAnotherCopy = Object.assign(new Error("x"), { [Symbol.for("runcoach.domain-error")]: true, code: "RATE_LIMITED" });
    expect(isDomainError(fromAnotherCopy)).toBe(true);
    expect(hasDomainCode(fromAnotherCopy, "RATE_LIMITED")).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDomainError(new Error("boom"))).toBe(false);
    expect(isDomainError(null)).toBe(false);
    expect(isDomainError({ code: "RATE_LIMITED" })).toBe(false);
    expect(hasDomainCode(new RateLimitedError(1_000), "QUEUE_UNAVAILABLE")).toBe(false);
  });
});
