import { describe, expect, it } from "vitest";
import { metricsAuthorized } from "./endpoint";

describe("metricsAuthorized", () => {
  const token = "0123456789abcdef-token";

  it("lets every scrape in when no token is set (the load balancer keeps the public out)", () => {
    expect(metricsAuthorized(null, undefined)).toBe(true);
    expect(metricsAuthorized("Bearer anything", undefined)).toBe(true);
  });

  it("wants exactly `Bearer <token>` when one is set", () => {
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(null, token)).toBe(false);
    expect(metricsAuthorized(token, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(`bearer ${token.toUpperCase()}`, token)).toBe(false);
  });
});
