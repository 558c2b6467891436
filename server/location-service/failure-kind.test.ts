import cassandra from "cassandra-driver";
import { describe, expect, it } from "vitest";
import { failureKind } from "./failure-kind";

const { errors, types } = cassandra;

describe("failureKind", () => {
  it("waits out a store that is down, slow or overloaded", () => {
    expect(failureKind(new errors.NoHostAvailableError({}))).toBe("store-unavailable");
    expect(failureKind(new errors.OperationTimedOutError("timed out"))).toBe("store-unavailable");
    expect(failureKind(new errors.ResponseError(types.responseErrorCodes.writeTimeout, "write timeout"))).toBe("store-unavailable");
    expect(failureKind(new errors.ResponseError(types.responseErrorCodes.overloaded, "overloaded"))).toBe("store-unavailable");
    expect(failureKind(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe("store-unavailable");
  });

  it("gives up on a write the store refuses for what it is", () => {
    expect(failureKind(new errors.ResponseError(types.responseErrorCodes.invalid, "Invalid"))).toBe("message-refused");
    expect(failureKind(new TypeError("cannot read"))).toBe("message-refused");
  });
});
