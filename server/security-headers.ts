/**
 * The security headers of every answer: pages and everything else Next serves (proxy.ts), the app's tRPC
 * endpoint (pages/api/trpc/[trpc].ts) and the upload API (server/upload-api/upload-server.ts). Pure, and free
 * of Node-only imports: the proxy runs it on every request.
 *
 * Two policies:
 * - `page`, for what a browser renders or runs as a document or worker (pages, the service worker script, the
 *   web manifest, media, static chunks): scripts only with this answer's nonce ('strict-dynamic' lets Next's
 *   own loader add its chunks), the service worker and everything else from this origin, uploads also to the
 *   upload API's origin when it is another one (NEXT_PUBLIC_UPLOAD_URL), images also from the map's tile
 *   origin (MAP_TILE_URL, app/_lib/map-tiles.ts). Styles allow 'unsafe-inline': React
 *   renders `style={…}` props as `style="…"` attributes in the server's HTML, which a nonce cannot cover.
 * - `api`, for JSON answers: nothing may load, nothing may frame them.
 */
import { tileImageSources } from "@/app/_lib/map-tiles";
import { uploadUrl } from "@/app/_lib/upload-url";

export type SecurityHeaders = Record<string, string>;

export interface PageSecurityOptions {
  /** A fresh value per answer (newNonce): Next reads it from the request's CSP and puts it on its scripts. */
  nonce: string;
  /** Served to the browser over HTTPS (servedOverHttps): HSTS, and subresources upgraded. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval. */
  development?: boolean;
  /** Origins the page may send requests to besides its own (the upload API's, when it has another). */
  connectOrigins?: readonly string[];
  /** Image sources besides this origin: the run page's map tiles (tileImageSources), when on another origin. */
  imageSources?: readonly string[];
}

/** One year; no includeSubDomains, since this app cannot speak for its domain's other hosts. */
export const HSTS = "max-age=31536000";

const COMMON: SecurityHeaders = {
  "x-content-type-options": "nosniff",
  // The full URL (run ids, course slugs) to this origin only; other origins get nothing.
  "referrer-policy": "same-origin",
  // For browsers that do not know `frame-ancestors`.
  "x-frame-options": "DENY",
};

function withTransport(headers: SecurityHeaders, https: boolean): SecurityHeaders {
  return https ? { ...headers, "strict-transport-security": HSTS } : headers;
}

export function pageContentSecurityPolicy(options: PageSecurityOptions): string {
  const connect = ["'self'", ...(options.connectOrigins ?? [])];
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...(options.imageSources ?? [])].join(" "),
    "media-src 'self'",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function pageSecurityHeaders(options: PageSecurityOptions): SecurityHeaders {
  return withTransport({ "content-security-policy": pageContentSecurityPolicy(options), ...COMMON }, options.https);
}

const API_HEADERS = { "content-security-policy": API_CONTENT_SECURITY_POLICY, ...COMMON };
const API_HEADERS_HTTPS = withTransport(API_HEADERS, true);

/** The headers of a JSON answer (the same object every time: callers must not change it). */
export function apiSecurityHeaders(https: boolean): Readonly<SecurityHeaders> {
  return https ? API_HEADERS_HTTPS : API_HEADERS;
}

/** 16 random bytes, base64: unguessable, and fresh for every answer. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the browser reached us over HTTPS. `next start` and the upload API speak plain HTTP, so HTTPS means a
 * TLS-terminating proxy in front: it says so in `x-forwarded-proto`, and the app's public URL (BETTER_AUTH_URL)
 * says so too. A forged `x-forwarded-proto: https` over plain HTTP does no harm: browsers ignore HSTS there.
 */
export function servedOverHttps(forwardedProto: string | null | undefined, publicUrl: string | undefined = process.env.BETTER_AUTH_URL): boolean {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || /^https:\/\//i.test(publicUrl ?? "");
}

/** The upload API's origin when the browser sends uploads to another origin (NEXT_PUBLIC_UPLOAD_URL), else none. */
export function uploadConnectOrigins(configured: string | undefined = process.env.NEXT_PUBLIC_UPLOAD_URL): string[] {
  const url = uploadUrl(configured);
  return url.startsWith("/") ? [] : [new URL(url).origin];
}

/** Where the run page's map tiles come from, for img-src (none when they are off or on this origin). */
export function mapTileImageSources(configured: string | undefined = process.env.MAP_TILE_URL): string[] {
  return tileImageSources(configured);
}
