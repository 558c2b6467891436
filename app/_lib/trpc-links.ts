/**
 * How the browser's tRPC calls travel. The two ingest mutations go to the upload tier's URL (upload-url.ts),
 * with the session cookie even when that is another origin; every other call goes to the pages' own
 * endpoint. Mutations go one request each (httpLink), so an upload has one clear outcome the outbox can
 * retry or set aside, and with `keepalive` while the page is hidden, so the last upload survives the tab
 * being closed; queries are batched.
 */
import { httpBatchLink, httpLink, splitLink, type TRPCLink } from "@trpc/client";
import superjson from "superjson";
import { keepaliveFetch } from "@/app/_lib/outbox/keepalive-fetch";
import { isIngestPath, PAGE_TRPC_URL, uploadCredentials, uploadUrl } from "@/app/_lib/upload-url";
import type { AppRouter } from "@/server/api/root";

export function createTrpcLinks(ingestUrl: string = uploadUrl()): TRPCLink<AppRouter>[] {
  const credentials = uploadCredentials(ingestUrl);
  return [
    splitLink({
      condition: (op) => isIngestPath(op.path),
      true: httpLink({
        url: ingestUrl,
        transformer: superjson,
        fetch: (input, init) => keepaliveFetch(input, { ...init, credentials }),
      }),
      false: splitLink({
        condition: (op) => op.type === "mutation",
        true: httpLink({ url: PAGE_TRPC_URL, transformer: superjson, fetch: keepaliveFetch }),
        // The server refuses a batch of more than 20 calls (server/api/batch-limit.ts): split before that.
        false: httpBatchLink({ url: PAGE_TRPC_URL, transformer: superjson, maxItems: 20 }),
      }),
    }),
  ];
}
