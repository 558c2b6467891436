import { createTRPCClient } from "@trpc/client";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppRouter } from "@/server/api/root";
import { createTrpcLinks } from "./trpc-links";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

const A = "00000000-0000-4000-8000-000000000001";

/** A client over `createTrpcLinks(ingestUrl)` whose fetch records each request and answers as the server would. */
function recordingClient(ingestUrl?: string, hidden = false) {
  const requests: { url: string; method: string; credentials?: RequestCredentials; keepalive?: boolean }[] = [];
  const headerNames: string[][] = [];
  vi.stubGlobal("document", { visibilityState: hidden ? "hidden" : "visible" });
  vi.stubGlobal("fetch", async (url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(url), method: init?.method ?? "GET", credentials: init?.credentials, keepalive: init?.keepalive });
    headerNames.push([...new Headers(init?.headers).keys()]);
    const data = superjson.serialize(String(url).includes("appendPoints") ? { stored: [] } : { acknowledged: [] });
    // A batched query is answered with one result per call in the batch.
    return Response.json(String(url).includes("batch=1") ? [{ result: { data } }] : { result: { data } });
  });
  return { client: createTRPCClient<AppRouter>({ links: createTrpcLinks(ingestUrl) }), requests, headerNames };
}

describe("createTrpcLinks", () => {
  it("sends the two ingest mutations to the upload URL with credentials, and the rest to the pages' endpoint", async () => {
    const { client, requests, headerNames } = recordingClient("https://upload.example.com/api/trpc", true);
    await client.activities.appendPoints.mutate({ activityId: A, points: [] });
    await client.activities.syncEvents.mutate({ activityId: A, events: [] });
    await client.courses.search.query({}).catch(() => undefined);
    await client.profile.updatePrivacy.mutate({} as never);

    expect(requests[0]).toEqual({
      url: "https://upload.example.com/api/trpc/activities.appendPoints",
      method: "POST",
      credentials: "include",
      keepalive: true,
    });
    expect(requests[1]).toMatchObject({
      url: "https://upload.example.com/api/trpc/activities.syncEvents",
      credentials: "include",
      keepalive: true,
    });
    // Only headers the upload API's CORS preflight allows (server/upload-api/upload-server.ts).
    expect(headerNames.slice(0, 2)).toEqual([["content-type"], ["content-type"]]);
    expect(requests[2]?.url).toMatch(/^\/api\/trpc\/courses\.search\?batch=1/);
    expect(requests[2]?.credentials).toBeUndefined();
    expect(requests[3]).toEqual({ url: "/api/trpc/profile.updatePrivacy", method: "POST", credentials: undefined, keepalive: true });
    expect(requests).toHaveLength(4);
  });

  it("keeps uploads on the pages' own endpoint by default", async () => {
    vi.stubEnv("NEXT_PUBLIC_UPLOAD_URL", "");
    const { client, requests } = recordingClient();
    await client.activities.appendPoints.mutate({ activityId: A, points: [] });
    expect(requests).toEqual([
      { url: "/api/trpc/activities.appendPoints", method: "POST", credentials: "same-origin", keepalive: undefined },
    ]);
  });
});
