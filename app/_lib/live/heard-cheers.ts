/**
 * Which cheers this device already announced, per run, kept in localStorage. The server repeats a cheer in
 * every upload's answer until an upload acknowledges it, so a reload, the run screen opened again or a second
 * tab would otherwise announce it again between hearing it and acknowledging it.
 *
 * localStorage rather than IndexedDB: announcing happens only in a tab (the service worker uploads and
 * acknowledges, but has no listener and never announces), and a synchronous check-and-set at the moment a
 * cheer arrives leaves no gap in which a second answer, or another tab, could announce it too. Where storage
 * is missing or refuses, an in-memory set keeps the old once-per-tab behaviour.
 */

/** The few members of `Storage` used here: localStorage satisfies it, and so does a test fake. */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface HeardCheers {
  /** True the first time a cheer id is claimed for a run on this device (it is then remembered), false after. */
  claim(activityId: string, cheerId: string): boolean;
}

const PREFIX = "runcoach-heard-cheers:";
/** Ids kept per run: the server holds at most 20 pending at once, and older ones were acknowledged long ago. */
export const MAX_HEARD_PER_RUN = 100;
/** A run's memory is dropped this long after its last cheer: well past the 6 h after which the server forgets one. */
export const HEARD_KEPT_MS = 12 * 60 * 60 * 1000;

interface Stored {
  at: number;
  ids: string[];
}

function parse(raw: string | null): Stored | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<Stored>;
    return typeof value.at === "number" && Array.isArray(value.ids) ? { at: value.at, ids: value.ids.filter((id) => typeof id === "string") } : null;
  } catch {
    return null;
  }
}

/** localStorage where there is one and it may be used (it throws in some privacy modes), else null. */
export function deviceStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function createHeardCheers(storage: KeyValueStorage | null, now: () => number = Date.now): HeardCheers {
  const memory = new Map<string, string[]>();
  let swept = false;

  /** Forgets the runs that had no cheer for HEARD_KEPT_MS (once per page: runs end, their keys should not stay). */
  function sweep(at: number) {
    if (swept || !storage) return;
    swept = true;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const stored = parse(storage.getItem(key));
      if (!stored || at - stored.at > HEARD_KEPT_MS) storage.removeItem(key);
    }
  }

  return {
    claim(activityId, cheerId) {
      const inMemory = memory.get(activityId) ?? [];
      if (inMemory.includes(cheerId)) return false;
      const key = PREFIX + activityId;
      let stored: Stored | null = null;
      try {
        stored = parse(storage?.getItem(key) ?? null);
      } catch {
        // Unreadable storage: the in-memory set decides.
      }
      // Read on every claim rather than cached: another tab, or this one before a reload, may have claimed it.
      const ids = [...new Set([...(stored?.ids ?? []), ...inMemory])];
      if (ids.includes(cheerId)) {
        memory.set(activityId, ids.slice(-MAX_HEARD_PER_RUN));
        return false;
      }
      const next = [...ids, cheerId].slice(-MAX_HEARD_PER_RUN);
      memory.set(activityId, next);
      const at = now();
      try {
        storage?.setItem(key, JSON.stringify({ at, ids: next } satisfies Stored));
        sweep(at);
      } catch {
        // Full or refused: remembered in this tab only.
      }
      return true;
    },
  };
}
