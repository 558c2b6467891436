import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

/** An error with a `code`, as Node's sockets and node-postgres's DatabaseError carry one. */
function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

/** As drizzle (DrizzleQueryError) and better-auth (APIError) wrap what the driver threw. */
function wrapped(cause: unknown, message = "Failed query: select 1"): Error {
  return new Error(message, { cause });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["a connection cut", coded("ECONNRESET")],
    ["a host that does not resolve", coded("ENOTFOUND")],
    ["pg-pool: no client free in time", new Error("timeout exceeded when trying to connect")],
    ["pg-pool: a new connection not made in time", new Error("Connection terminated due to connection timeout")],
    ["pg: the server went away", new Error("Connection terminated unexpectedly")],
    ["SQLSTATE 08006 connection failure", coded("08006", "connection failure")],
    ["SQLSTATE 57P01 admin shutdown", coded("57P01", "terminating connection due to administrator command")],
    ["SQLSTATE 57P03 still starting up", coded("57P03", "the database system is starting up")],
    ["SQLSTATE 53300 too many connections", coded("53300", "sorry, too many clients already")],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("follows the cause chain through drizzle and better-auth wrappers", () => {
    const driver = coded("ECONNREFUSED");
    expect(isDatabaseUnavailable(wrapped(wrapped(driver), "Failed to get session"))).toBe(true);
  });

  it("looks inside an AggregateError (a host name with several addresses)", () => {
    expect(isDatabaseUnavailable(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]))).toBe(true);
  });

  it.each([
    ["a unique violation", coded("23505", "duplicate key value violates unique constraint")],
    ["a syntax error", coded("42601", 'syntax error at or near "selec"')],
    ["a statement timeout", coded("57014", "canceling statement due to statement timeout")],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["a wrapped query error", wrapped(coded("23503", "violates foreign key constraint"))],
    ["no error at all", undefined],
    ["a string", "ECONNREFUSED"],
  ])("does not mistake %s for an outage", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on a cause chain that loops", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
