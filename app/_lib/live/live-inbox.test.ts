import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Cheer } from "@/domain/live/cheers";
import { FOLLOWED_FOR_MS, isFollowed, onCheer, receiveLiveAnswer, resetLiveInbox, restoreCheerAcks, takeCheerAcks } from "./live-inbox";
import { MemoryStorage } from "./testing/memory-storage";

const cheer = (id: string): Cheer => ({ id, kind: "go", fromName: "Minji", sentAt: 1 });

/** The inbox as another page load (a reload, another tab) has it: fresh module state, the same localStorage. */
async function freshInbox() {
  vi.resetModules();
  return import("./live-inbox");
}

describe("live inbox", () => {
  beforeEach(() => {
    vi.stubGlobal("localStorage", new MemoryStorage());
  });
  afterEach(() => {
    resetLiveInbox();
    vi.unstubAllGlobals();
  });

  it("announces a cheer once however many answers repeat it, and acknowledges it with the next upload", () => {
    const heard: string[] = [];
    onCheer("run", (c) => heard.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a"), cheer("b")] });
    expect(heard).toEqual(["a", "b"]);
    expect(takeCheerAcks("run").sort()).toEqual(["a", "b"]);
    expect(takeCheerAcks("run")).toEqual([]);
  });

  it("does not announce after a reload a cheer announced before it, but still acknowledges it", async () => {
    const before: string[] = [];
    onCheer("run", (c) => before.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    expect(before).toEqual(["a"]);
    resetLiveInbox(); // the page goes, and the ids it was to acknowledge with it

    const reloaded = await freshInbox();
    const after: string[] = [];
    reloaded.onCheer("run", (c) => after.push(c.id));
    // The server repeats "a": nothing acknowledged it.
    reloaded.receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a"), cheer("b")] });
    expect(after).toEqual(["b"]);
    expect(reloaded.takeCheerAcks("run").sort()).toEqual(["a", "b"]);
    reloaded.resetLiveInbox();
  });

  it("announces a cheer in one tab only when two tabs listen", async () => {
    const here: string[] = [];
    onCheer("run", (c) => here.push(c.id));
    const other = await freshInbox();
    const there: string[] = [];
    other.onCheer("run", (c) => there.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    other.receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    expect([...here, ...there]).toEqual(["a"]);
    other.resetLiveInbox();
  });

  it("leaves a cheer unannounced where nobody listens for its run, for a context that does", () => {
    const heard: string[] = [];
    onCheer("other-run", (c) => heard.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    expect(heard).toEqual([]);
    expect(takeCheerAcks("run")).toEqual(["a"]);
    onCheer("run", (c) => heard.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    expect(heard).toEqual(["a"]);
  });

  it("stops calling a listener once it unsubscribed", () => {
    const heard: string[] = [];
    const stop = onCheer("run", (c) => heard.push(c.id));
    stop();
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    expect(heard).toEqual([]);
  });

  it("gives acknowledgements back when the upload failed", () => {
    receiveLiveAnswer("run", { followers: 0, cheers: [cheer("a")] });
    const acks = takeCheerAcks("run");
    restoreCheerAcks("run", acks);
    expect(takeCheerAcks("run")).toEqual(["a"]);
  });

  it("says followed for a while after an answer with followers, not after one without", () => {
    receiveLiveAnswer("run", { followers: 0, cheers: [] }, 1_000);
    expect(isFollowed(1_001)).toBe(false);
    receiveLiveAnswer("run", { followers: 2, cheers: [] }, 1_000);
    expect(isFollowed(1_000 + FOLLOWED_FOR_MS - 1)).toBe(true);
    expect(isFollowed(1_000 + FOLLOWED_FOR_MS)).toBe(false);
  });
});
