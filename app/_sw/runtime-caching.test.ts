import type { RouteMatchCallback } from "serwist";
import { describe, expect, it } from "vitest";
import { appRuntimeCaching } from "./runtime-caching";

const routes = appRuntimeCaching({ offlinePage: async () => undefined });
const PAGE_ORIGIN = "https://runcoach.example";

/** Whether any of the worker's routes would answer this GET (and so could store it). */
function routed(url: string): boolean {
  const parsed = new URL(url);
  const request = new Request(parsed, { mode: "no-cors" });
  return routes.some((route) =>
    (route.matcher as RouteMatchCallback)({ url: parsed, request, sameOrigin: parsed.origin === PAGE_ORIGIN, event: {} as ExtendableEvent }),
  );
}

describe("the worker and map tiles", () => {
  it("leaves tiles to the network and the HTTP cache, from any origin (never stored by the worker)", () => {
    expect(routed("https://tile.openstreetmap.org/15/27948/12700.png")).toBe(false);
    expect(routed(`${PAGE_ORIGIN}/test-tiles/15/27948/12700`)).toBe(false);
  });

  it("still routes the app's own course media (the check above is not vacuous)", () => {
    expect(routed(`${PAGE_ORIGIN}/media/voice/en/step-run-60.b0c79336.mp3`)).toBe(true);
  });
});
