import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as errors from "./errors";
import { hasDomainCode, isDomainError, QueueUnavailableError, RateLimitedError, retryAfterSecondsOf, RunnerNotFoundError } from "./errors";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Every .ts file under these folders of the repository, tests left out. */
function sources(...roots: string[]): string[] {
  return roots.flatMap((root) =>
    readdirSync(path.join(ROOT, root), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name))),
  );
}

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

describe("the domain errors' one place", () => {
  it("is server/errors.ts: no other source defines one", () => {
    const elsewhere = sources("server", "domain", "app", "pages", "scripts").filter(
      (file) => file !== path.join("server", "errors.ts") && /extends\s+DomainError\b/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(elsewhere).toEqual([]);
  });

  it("defines each code once", () => {
    const classes = Object.values(errors as Record<string, unknown>).filter(
      (value): value is new (message: string) => errors.DomainError => typeof value === "function" && value.prototype instanceof errors.DomainError,
    );
    const codes = classes.map((ErrorClass) => new ErrorClass("x").code);
    expect(codes.length).toBeGreaterThan(15);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("one RunnerNotFoundError, for a history and a friend request alike", () => {
    expect(new RunnerNotFoundError().message).toBe("No runs to show for this runner");
    expect(new RunnerNotFoundError("kim").message).toBe('No runner has the username "kim"');
    expect(new RunnerNotFoundError("kim").code).toBe("RUNNER_NOT_FOUND");
  });

  it("a refusal to come back from carries its own wait", () => {
    expect(retryAfterSecondsOf(new RateLimitedError(1_500))).toBe(2);
    expect(retryAfterSecondsOf(new QueueUnavailableError(new Error("down")))).toBe(errors.STORE_RETRY_AFTER_SECONDS);
    expect(retryAfterSecondsOf(new RunnerNotFoundError())).toBeUndefined();
    expect(retryAfterSecondsOf(new Error("x"))).toBeUndefined();
  });
});
