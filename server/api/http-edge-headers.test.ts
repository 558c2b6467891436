/**
 * The API's security headers on answers of the app's tRPC endpoint (which proxy.ts does not see) and of the
 * upload API, over real HTTP: answers that need no store (a refused body, an unknown path, the health check).
 * The e2e spec (e2e/security-headers.spec.ts) checks the pages' and the other routes' through Next.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import handler from "@/pages/api/trpc/[trpc]";
import { createUploadServer } from "../upload-api/upload-server";
import { API_CONTENT_SECURITY_POLICY, HSTS } from "../security-headers";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(made: Server): Promise<string> {
  server = made;
  await new Promise<void>((resolve) => made.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(made.address() as AddressInfo).port}`;
}

function expectApiHeaders(answer: Response, https: boolean) {
  expect(answer.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
  expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  expect(answer.headers.get("referrer-policy")).toBe("same-origin");
  expect(answer.headers.get("x-frame-options")).toBe("DENY");
  expect(answer.headers.get("strict-transport-security")).toBe(https ? HSTS : null);
}

/** A body over the limit: refused (413) before anything reads it or asks for a session. */
const oversized = (base: string, path: string, extra: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...extra }, body: "x".repeat(1_100_000) });

describe("the app's tRPC endpoint", () => {
  it("sends the API's security headers, HSTS behind an HTTPS proxy", async () => {
    const base = await serve(createServer(handler as unknown as RequestListener));
    const refused = await oversized(base, "/api/trpc/activities.appendPoints");
    expect(refused.status).toBe(413);
    expectApiHeaders(refused, false);
    expectApiHeaders(await oversized(base, "/api/trpc/activities.appendPoints", { "x-forwarded-proto": "https" }), true);
  });
});

describe("the upload API", () => {
  const uploadServer = (appOrigin: string) => createUploadServer({ appOrigin, health: async () => ({ healthy: true, report: { kafka: "ok" } }) });

  it("sends the API's security headers on every answer", async () => {
    const base = await serve(uploadServer("http://app.example.test"));
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expectApiHeaders(health, false);
    const unknown = await fetch(`${base}/elsewhere`);
    expect(unknown.status).toBe(404);
    expectApiHeaders(unknown, false);
    const preflight = await fetch(`${base}/api/trpc/activities.appendPoints`, { method: "OPTIONS", headers: { origin: "http://app.example.test" } });
    expect(preflight.status).toBe(204);
    expectApiHeaders(preflight, false);
    expectApiHeaders(await oversized(base, "/api/trpc/activities.appendPoints"), false);
    expectApiHeaders(await fetch(`${base}/api/health`, { headers: { "x-forwarded-proto": "https" } }), true);
  });

  it("sends HSTS when the app's origin is HTTPS", async () => {
    const base = await serve(uploadServer("https://app.example.test"));
    expectApiHeaders(await fetch(`${base}/api/health`), true);
  });
});
