/**
 * Security headers on everything Next answers (server/security-headers.ts) but the tRPC endpoint, whose handler
 * sets them itself so that the upload path does not go through a proxy on every batch.
 *
 * A page gets a fresh nonce: put in the request's own Content-Security-Policy header, it is what Next reads while
 * rendering to mark its inline and framework scripts (every page is rendered per request: the layout reads the
 * locale cookie). The answer carries the same policy, so only those scripts run.
 */
import { NextResponse, type NextRequest } from "next/server";
import {
  apiSecurityHeaders,
  mapTileImageSources,
  newNonce,
  pageSecurityHeaders,
  servedOverHttps,
  uploadConnectOrigins,
  type SecurityHeaders,
} from "@/server/security-headers";

const connectOrigins = uploadConnectOrigins();
const imageSources = mapTileImageSources();

export function proxy(request: NextRequest) {
  const https = servedOverHttps(request.headers.get("x-forwarded-proto"));
  if (request.nextUrl.pathname.startsWith("/api/")) return withHeaders(NextResponse.next(), apiSecurityHeaders(https));
  const headers = pageSecurityHeaders({ nonce: newNonce(), https, development: process.env.NODE_ENV === "development", connectOrigins, imageSources });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

function withHeaders(response: NextResponse, headers: Readonly<SecurityHeaders>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not /api/trpc/: pages/api/trpc/[trpc].ts answers with the API's headers itself (applySecurityHeaders).
  matcher: ["/((?!api/trpc/).*)"],
};
