/** A localStorage stand-in for unit tests: a Map, and a switch to make writes fail as a full storage does. */
import type { KeyValueStorage } from "../heard-cheers";

export class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  full = false;

  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException("full", "QuotaExceededError");
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
