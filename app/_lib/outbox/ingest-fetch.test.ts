import { createTRPCClient } from "@trpc/client";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunEvent } from "@/domain/run/events";
import type { AppRouter } from "@/server/api/root";
import { createTrpcLinks } from "../trpc-links";
import { classifyError } from "./classify-error";
import { createIngestSenders } from "./ingest-fetch";
import { fixes } from "./testing/fake-db";

afterEach(() => {
  vi.unstubAllGlobals();
});

const A = "00000000-0000-4000-8000-000000000001";
const EVENT: RunEvent = { id: "00000000-0000-4000-8000-000000000002", activityId: A, seq: 2, at: 1_700_000_000_000, type: "finish", status: "stopped" };

interface Sent {
  url: string;
  method?: string;
  credentials?: RequestCredentials;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records each request and answers as the tRPC server does (or with `answer`). */
function recordingFetch(answer?: () => Response) {
  const sent: Sent[] = [];
  const doFetch = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({
      url: String(url),
      method: init?.method,
      credentials: init?.credentials,
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: init?.body,
    });
    if (answer) return answer();
    const data = superjson.serialize(String(url).includes("appendPoints") ? { stored: [fixes(1)[0]!.id] } : { acknowledged: [EVENT.id] });
    return Response.json({ result: { data } });
  };
  return { sent, doFetch };
}

describe("createIngestSenders", () => {
  it("sends exactly the request the page's tRPC client sends, to the same upload URL", async () => {
    for (const url of ["/api/trpc", "https://upload.example.com/api/trpc"]) {
      const ours = recordingFetch();
      const senders = createIngestSenders({ url, fetch: ours.doFetch });
      const signal = new AbortController().signal;
      expect(await senders.runEvents({ activityId: A, events: [EVENT] }, signal)).toEqual({ acknowledged: [EVENT.id] });
      expect(await senders.points({ activityId: A, points: fixes(1) }, signal)).toEqual({ stored: [fixes(1)[0]!.id] });

      const theirs = recordingFetch();
      vi.stubGlobal("fetch", theirs.doFetch);
      const client = createTRPCClient<AppRouter>({ links: createTrpcLinks(url) });
      await client.activities.syncEvents.mutate({ activityId: A, events: [EVENT] });
      await client.activities.appendPoints.mutate({ activityId: A, points: fixes(1) });

      expect(ours.sent).toEqual(theirs.sent);
      expect(ours.sent[0]).toMatchObject({ url: `${url}/activities.syncEvents`, method: "POST", headers: { "content-type": "application/json" } });
      expect(ours.sent[0]?.credentials).toBe(url.startsWith("/") ? "same-origin" : "include");
    }
  });

  it("throws what classifyError reads: 503 and 401 retry (with Retry-After), 400 is a refusal", async () => {
    const answer = (status: number, headers: Record<string, string> = {}) => () =>
      Response.json({ error: { json: { message: `status ${status}`, code: -32000, data: { httpStatus: status } } } }, { status, headers });
    const failure = async (status: number, headers?: Record<string, string>) => {
      const { doFetch } = recordingFetch(answer(status, headers));
      const error = await createIngestSenders({ url: "/api/trpc", fetch: doFetch })
        .runEvents({ activityId: A, events: [EVENT] }, new AbortController().signal)
        .catch((e: unknown) => e);
      return classifyError(error, 0);
    };
    expect(await failure(503, { "retry-after": "7" })).toEqual({ retryable: true, message: "status 503", httpStatus: 503, retryAfterMs: 7000 });
    expect(await failure(401)).toMatchObject({ retryable: true, httpStatus: 401 });
    expect(await failure(400)).toMatchObject({ retryable: false, httpStatus: 400, message: "status 400" });
  });

  it("a failed fetch (offline) and an unreadable answer are retried", async () => {
    const offline = createIngestSenders({ url: "/api/trpc", fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    const error = await offline.points({ activityId: A, points: fixes(1) }, new AbortController().signal).catch((e: unknown) => e);
    expect(classifyError(error)).toEqual({ retryable: true, message: "Failed to fetch" });

    const { doFetch } = recordingFetch(() => new Response("<html>proxy error</html>", { status: 200 }));
    const garbled = await createIngestSenders({ url: "/api/trpc", fetch: doFetch })
      .points({ activityId: A, points: fixes(1) }, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(classifyError(garbled)).toMatchObject({ retryable: true });
  });
});
