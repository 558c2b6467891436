import { describe, expect, it } from "vitest";
import { classifyError, parseRetryAfter } from "./classify-error";
import { OutboxSendError } from "./send-error";
import { httpError, networkError, T0 } from "./testing/fake-db";

describe("classifyError", () => {
  it("retries a network failure (fetch's TypeError inside a tRPC client error)", () => {
    expect(classifyError(networkError())).toEqual({ retryable: true, message: "Failed to fetch" });
    expect(classifyError(new TypeError("Load failed"))).toEqual({ retryable: true, message: "Load failed" });
  });

  it.each([500, 502, 503, 408, 429, 401])("retries HTTP %i", (status) => {
    expect(classifyError(httpError(status, "nope"))).toMatchObject({ retryable: true, httpStatus: status, message: "nope" });
  });

  it.each([400, 403, 404, 409, 413, 422])("sets aside HTTP %i", (status) => {
    expect(classifyError(httpError(status, "refused"))).toMatchObject({ retryable: false, httpStatus: status, message: "refused" });
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(classifyError(httpError(429, "slow down", { "Retry-After": "7" }), T0).retryAfterMs).toBe(7_000);
    const date = new Date(T0 + 90_000).toUTCString();
    expect(classifyError(httpError(503, "maintenance", { "Retry-After": date }), T0).retryAfterMs).toBe(90_000);
    expect(parseRetryAfter("soon", T0)).toBeUndefined();
    expect(parseRetryAfter(new Date(T0 - 5_000).toUTCString(), T0)).toBe(0);
  });

  it("takes the status from data.httpStatus when there is no response", () => {
    const error = Object.assign(new Error("Internal server error"), { data: { httpStatus: 500 } });
    expect(classifyError(error)).toMatchObject({ retryable: true, httpStatus: 500 });
  });

  it("trusts an OutboxSendError's own verdict", () => {
    expect(classifyError(new OutboxSendError("partial ack", false))).toEqual({ retryable: false, message: "partial ack" });
  });
});
