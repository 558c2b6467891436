/**
 * The app's tRPC endpoint (pages/api/trpc/[trpc].ts) served from a bare Node HTTP server on a free port of
 * this test process, so integration tests go through real HTTP and the same handler `next start` runs,
 * without starting Next. It stands in for Next's API resolver only where the handler needs it: the `trpc`
 * route parameter in `req.query` (the handler reads the body itself).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import handler from "@/pages/api/trpc/[trpc]";

const PREFIX = "/api/trpc/";

let started: Promise<string> | undefined;

function serve(request: IncomingMessage, response: ServerResponse) {
  const { pathname } = new URL(request.url ?? "/", "http://localhost");
  if (!pathname.startsWith(PREFIX)) {
    response.statusCode = 404;
    response.end();
    return;
  }
  const query = { trpc: decodeURIComponent(pathname.slice(PREFIX.length)) };
  void handler(Object.assign(request, { query }) as unknown as NextApiRequest, response as NextApiResponse);
}

/** The server's base URL ("http://127.0.0.1:PORT"), started on first use and left to end with the process. */
export function apiBaseUrl(): Promise<string> {
  started ??= new Promise((resolve, reject) => {
    const server = createServer(serve);
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return started;
}

/** fetch() against the test server: `path` starts with /api/trpc/. */
export async function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${await apiBaseUrl()}${path}`, init);
}
