import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  apiSecurityHeaders,
  HSTS,
  mapTileImageSources,
  newNonce,
  pageContentSecurityPolicy,
  pageSecurityHeaders,
  servedOverHttps,
  uploadConnectOrigins,
} from "./security-headers";

/** "script-src 'self' …; img-src …" → { "script-src": ["'self'", …], … } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("a page's headers", () => {
  const nonce = newNonce();
  const headers = pageSecurityHeaders({ nonce, https: false });
  const csp = directives(headers["content-security-policy"]!);

  it("run only scripts carrying this answer's nonce, and what they load", () => {
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
  });

  it("let the service worker, the course audio, the manifest and the app's own requests work, from this origin only", () => {
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["worker-src"]).toEqual(["'self'"]);
    expect(csp["media-src"]).toEqual(["'self'"]);
    expect(csp["manifest-src"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);
    // React's style props are style="" attributes in the server's HTML, which no nonce covers.
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("forbid framing, sniffing and cross-origin referrers", () => {
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
  });

  it("ask for HTTPS only when served over HTTPS", () => {
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(csp["upgrade-insecure-requests"]).toBeUndefined();
    const secure = pageSecurityHeaders({ nonce, https: true });
    expect(secure["strict-transport-security"]).toBe(HSTS);
    expect(directives(secure["content-security-policy"]!)["upgrade-insecure-requests"]).toEqual([]);
  });

  it("allow eval in development only, and uploads to the upload API's origin when it has one", () => {
    expect(directives(pageContentSecurityPolicy({ nonce, https: false, development: true }))["script-src"]).toContain("'unsafe-eval'");
    const policy = pageContentSecurityPolicy({ nonce, https: false, connectOrigins: uploadConnectOrigins("https://upload.example.com/api/trpc/") });
    expect(directives(policy)["connect-src"]).toEqual(["'self'", "https://upload.example.com"]);
    expect(uploadConnectOrigins(undefined)).toEqual([]);
    expect(uploadConnectOrigins("/api/trpc")).toEqual([]);
  });

  it("let images come from the map's tile origin, and from nowhere else new", () => {
    expect(csp["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    const policy = pageContentSecurityPolicy({ nonce, https: false, imageSources: mapTileImageSources("https://tiles.example.com/{z}/{x}/{y}.png") });
    expect(directives(policy)["img-src"]).toEqual(["'self'", "data:", "blob:", "https://tiles.example.com"]);
    // Only images: scripts, styles and requests gain nothing.
    expect(directives(policy)["connect-src"]).toEqual(["'self'"]);
    expect(directives(policy)["default-src"]).toEqual(["'self'"]);
    expect(mapTileImageSources("off")).toEqual([]);
  });
});

describe("an API answer's headers", () => {
  it("let nothing load or frame it", () => {
    const headers = apiSecurityHeaders(false);
    expect(headers["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
    expect(directives(API_CONTENT_SECURITY_POLICY)).toEqual({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(apiSecurityHeaders(true)["strict-transport-security"]).toBe(HSTS);
  });
});

describe("HTTPS and nonces", () => {
  it("HTTPS is what the proxy in front says, or the app's public URL", () => {
    expect(servedOverHttps("https", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps("HTTPS, http", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps("http", "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(null, "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(undefined, "https://run.example.com")).toBe(true);
    expect(servedOverHttps(undefined, undefined)).toBe(false);
  });

  it("a nonce is 16 random bytes in base64, new each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
