import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { AppRouter } from "@/server/api/root";
import { flushOutbox } from "./flush";
import { MAX_POINTS_PER_UPLOAD } from "./items";
import { KEEPALIVE_MAX_BODY_BYTES, KEEPALIVE_POINTS_PER_REQUEST, keepaliveFetch, withKeepalive } from "./keepalive-fetch";
import { listOutbox } from "./read";
import { createOutboxSender } from "./sender";
import { enqueuePoints, useFreshDatabase } from "./testing/fake-db";

/** Fixes as long as JSON makes them: every field set, negative, at full double precision. */
function longFixes(count: number): TrackPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    ts: 1_795_000_000_000 + i * 1000,
    lat: -37.528312345678912 - i * 1e-9,
    lng: -126.93261234567891 - i * 1e-9,
    altitude: -12.345678901234567,
    accuracy: 4.8765432109876543,
    speed: 3.1415926535897931,
  }));
}

/** The body tRPC's httpLink posts for appendPoints. */
const appendBody = (points: TrackPoint[]) =>
  JSON.stringify(superjson.serialize({ activityId: "00000000-0000-4000-8000-000000000001", points }));

describe("withKeepalive", () => {
  it("asks for keepalive only while the page is hidden", () => {
    const init = { method: "POST", body: '{"json":{}}' };
    expect(withKeepalive(init, false)).toBe(init);
    expect(withKeepalive(init, true)).toEqual({ ...init, keepalive: true });
    expect(withKeepalive(undefined, true)).toEqual({ keepalive: true });
  });

  it("leaves a body over the browsers' 64 KiB keepalive budget as a plain request", () => {
    const big = { method: "POST", body: "x".repeat(KEEPALIVE_MAX_BODY_BYTES + 1) };
    expect(withKeepalive(big, true)).toBe(big);
    // Multi-byte characters count as bytes, not as string length.
    const korean = { method: "POST", body: "가".repeat(KEEPALIVE_MAX_BODY_BYTES / 2) };
    expect(withKeepalive(korean, true)).toBe(korean);
  });

  it("fits a hidden page's request of fixes, as tRPC sends it, in the budget; a full upload would not fit", () => {
    const request = { method: "POST", body: appendBody(longFixes(KEEPALIVE_POINTS_PER_REQUEST)) };
    expect(withKeepalive(request, true)).toMatchObject({ keepalive: true });
    const full = { method: "POST", body: appendBody(longFixes(MAX_POINTS_PER_UPLOAD)) };
    expect(new TextEncoder().encode(full.body).byteLength).toBeGreaterThan(KEEPALIVE_MAX_BODY_BYTES);
    expect(withKeepalive(full, true)).toBe(full);
  });
});

describe("a merged upload while the page is hidden", () => {
  beforeEach(useFreshDatabase);
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The app's path for uploads: tRPC's httpLink over keepaliveFetch, with fetch answering as the server. */
  function recordingClient() {
    const requests: { keepalive: boolean; bytes: number; points: number }[] = [];
    vi.stubGlobal("fetch", async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = String(init?.body);
      const { points } = superjson.parse<{ points: TrackPoint[] }>(body);
      const bytes = new TextEncoder().encode(body).byteLength;
      requests.push({ keepalive: init?.keepalive === true, bytes, points: points.length });
      const answer = superjson.serialize({ stored: points.map((point) => point.id) });
      return Response.json({ result: { data: answer } });
    });
    const link = httpLink({ url: "http://localhost/api/trpc", transformer: superjson, fetch: keepaliveFetch });
    const client = createTRPCClient<AppRouter>({ links: [link] });
    const send = createOutboxSender({
      runEvents: (input, signal) => client.activities.syncEvents.mutate(input, { signal }),
      points: (input, signal) => client.activities.appendPoints.mutate(input, { signal }),
    });
    return { requests, send };
  }

  it("is not sent as one keepalive request over 60 KiB, but in keepalive requests that fit", async () => {
    const points = longFixes(MAX_POINTS_PER_UPLOAD);
    for (let i = 0; i < points.length; i += 25) await enqueuePoints(1, points.slice(i, i + 25));
    vi.stubGlobal("document", { visibilityState: "hidden" });
    const { requests, send } = recordingClient();

    expect(await flushOutbox(send)).toEqual({ sent: 20, rejected: 0, failure: null });
    expect(requests.map((request) => request.points)).toEqual([200, 200, 100]);
    for (const request of requests) {
      expect(request).toMatchObject({ keepalive: true });
      expect(request.bytes).toBeLessThanOrEqual(KEEPALIVE_MAX_BODY_BYTES);
    }
    expect(await listOutbox()).toEqual([]);
  });

  it("goes as one request while the page is visible", async () => {
    await enqueuePoints(1, longFixes(250));
    await enqueuePoints(1, longFixes(250));
    vi.stubGlobal("document", { visibilityState: "visible" });
    const { requests, send } = recordingClient();
    await flushOutbox(send);
    expect(requests).toMatchObject([{ keepalive: false, points: MAX_POINTS_PER_UPLOAD }]);
  });
});

