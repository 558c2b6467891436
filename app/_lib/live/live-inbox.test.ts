import { afterEach, describe, expect, it } from "vitest";
import type { Cheer } from "@/domain/live/cheers";
import { FOLLOWED_FOR_MS, isFollowed, onCheer, receiveLiveAnswer, resetLiveInbox, restoreCheerAcks, takeCheerAcks } from "./live-inbox";

const cheer = (id: string): Cheer => ({ id, kind: "go", fromName: "Minji", sentAt: 1 });

describe("live inbox", () => {
  afterEach(resetLiveInbox);

  it("announces a cheer once however many answers repeat it, and acknowledges it with the next upload", () => {
    const heard: string[] = [];
    onCheer((_run, c) => heard.push(c.id));
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a")] });
    receiveLiveAnswer("run", { followers: 1, cheers: [cheer("a"), cheer("b")] });
    expect(heard).toEqual(["a", "b"]);
    expect(takeCheerAcks("run").sort()).toEqual(["a", "b"]);
    expect(takeCheerAcks("run")).toEqual([]);
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
