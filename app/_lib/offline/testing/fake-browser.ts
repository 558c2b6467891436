/**
 * An in-memory Cache API and a scripted network for the download manager's unit tests (Node has neither
 * `caches` nor a server for `/media/`). Only what the download manager calls is implemented.
 */
import type { OfflineDeps } from "../deps";

const ORIGIN = "http://runcoach.test";

function keyOf(request: RequestInfo | URL): string {
  const url = typeof request === "string" ? request : request instanceof URL ? request.href : request.url;
  return new URL(url, ORIGIN).href;
}

export class MemoryCache {
  readonly entries = new Map<string, Response>();
  /** Makes the nth `put` (1-based) throw the browser's QuotaExceededError. */
  failPutNumber: number | null = null;
  private puts = 0;

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    return this.entries.get(keyOf(request))?.clone();
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.puts += 1;
    if (this.puts === this.failPutNumber) throw new DOMException("quota", "QuotaExceededError");
    if (response.status === 206) throw new TypeError("Partial response (status code 206) is unsupported");
    // Like the real Cache API, store a fully read copy.
    const body = await response.arrayBuffer();
    this.entries.set(keyOf(request), new Response(body, { status: response.status, headers: response.headers }));
  }

  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(keyOf(request));
  }
}

export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }

  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new MemoryCache();
      this.caches.set(name, cache);
    }
    return cache;
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
}

export interface FakeNetwork {
  fetch: typeof fetch;
  requests: { url: string; init?: RequestInit }[];
  /** Paths that fail as if the connection dropped. */
  offline: Set<string>;
}

/** Answers each path from `routes` (a body and content type), 404 otherwise. */
export function fakeNetwork(routes: Record<string, { body: string | Uint8Array; type: string; headers?: Record<string, string> }>): FakeNetwork {
  const network: FakeNetwork = {
    requests: [],
    offline: new Set(),
    fetch: async (input, init) => {
      const url = keyOf(input as RequestInfo);
      const path = url.slice(ORIGIN.length);
      network.requests.push({ url: path, init });
      init?.signal?.throwIfAborted();
      if (network.offline.has(path)) throw new TypeError("Failed to fetch");
      const route = routes[path];
      if (!route) return new Response("not found", { status: 404 });
      return new Response(route.body as BodyInit, { status: 200, headers: { ...route.headers, "Content-Type": route.type } });
    },
  };
  return network;
}

export function fakeDeps(
  storage: MemoryCacheStorage,
  network: FakeNetwork,
  estimate: StorageEstimate = { quota: 1e9, usage: 0 },
): OfflineDeps & { persisted: boolean[] } {
  const persisted: boolean[] = [];
  return {
    caches: storage as unknown as CacheStorage,
    fetch: network.fetch,
    storage: {
      estimate: async () => estimate,
      persist: async () => {
        persisted.push(true);
        return true;
      },
    },
    persisted,
  };
}
