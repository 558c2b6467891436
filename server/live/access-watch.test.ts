import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchFollowAccess } from "./access-watch";

/** A hub whose notices the test sends by hand. */
function fakeHub() {
  const watchers = new Map<string, Set<() => void>>();
  return {
    watchAccess: vi.fn(async (userIds: readonly string[], watcher: () => void) => {
      for (const id of userIds) watchers.set(id, (watchers.get(id) ?? new Set()).add(watcher));
      return () => userIds.forEach((id) => watchers.get(id)?.delete(watcher));
    }),
    notice: (...userIds: string[]) => new Set(userIds.flatMap((id) => [...(watchers.get(id) ?? [])])).forEach((w) => w()),
    watching: (id: string) => watchers.get(id)?.size ?? 0,
  };
}

const watched = { activityId: "run", viewerId: "viewer", ownerId: "owner" };
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("watchFollowAccess", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("checks once subscribed, then on each notice naming the viewer or the runner, and not for others", async () => {
    const hub = fakeHub();
    const mayFollow = vi.fn(async () => true);
    const revoked = vi.fn();
    await watchFollowAccess({ hub, mayFollow, intervalMs: 60_000 }, watched, revoked);
    await settle();
    expect(mayFollow).toHaveBeenCalledTimes(1);
    hub.notice("someone", "else");
    await settle();
    expect(mayFollow).toHaveBeenCalledTimes(1);
    hub.notice("owner", "viewer"); // one check, though it names both
    await settle();
    hub.notice("viewer");
    await settle();
    expect(mayFollow).toHaveBeenCalledTimes(3);
    expect(mayFollow).toHaveBeenLastCalledWith("viewer", "run");
    expect(revoked).not.toHaveBeenCalled();
  });

  it("says revoked once, and stops watching, when a check finds the viewer may no longer follow", async () => {
    const hub = fakeHub();
    let allowed = true;
    const mayFollow = vi.fn(async () => allowed);
    const revoked = vi.fn();
    await watchFollowAccess({ hub, mayFollow, intervalMs: 60_000 }, watched, revoked);
    await settle();
    allowed = false;
    hub.notice("owner");
    await settle();
    expect(revoked).toHaveBeenCalledOnce();
    expect(hub.watching("viewer")).toBe(0);
    hub.notice("owner");
    await vi.advanceTimersByTimeAsync(200_000);
    expect(mayFollow).toHaveBeenCalledTimes(2);
  });

  it("checks again after a check that a notice overtook (it may have read the database before the change)", async () => {
    const hub = fakeHub();
    const answers: ((allowed: boolean) => void)[] = [];
    const mayFollow = vi.fn(() => new Promise<boolean>((resolve) => answers.push(resolve)));
    const revoked = vi.fn();
    await watchFollowAccess({ hub, mayFollow, intervalMs: 60_000 }, watched, revoked);
    hub.notice("viewer"); // while the first check is under way
    answers.shift()!(true);
    await settle();
    expect(mayFollow).toHaveBeenCalledTimes(2);
    answers.shift()!(false);
    await settle();
    expect(revoked).toHaveBeenCalledOnce();
  });

  it("checks on a jittered timer without any notice, and retries a check that failed", async () => {
    const hub = fakeHub();
    let answer: () => Promise<boolean> = async () => true;
    const mayFollow = vi.fn(() => answer());
    const revoked = vi.fn();
    const stop = await watchFollowAccess({ hub, mayFollow, intervalMs: 1_000, retryMs: 500, random: () => 1 }, watched, revoked);
    await settle();
    await vi.advanceTimersByTimeAsync(1_249);
    expect(mayFollow).toHaveBeenCalledTimes(1); // the next check is due 1,250 ms later (interval + 25 %)
    answer = async () => Promise.reject(new Error("database away"));
    await vi.advanceTimersByTimeAsync(1);
    expect(mayFollow).toHaveBeenCalledTimes(2);
    answer = async () => false;
    await vi.advanceTimersByTimeAsync(500);
    expect(mayFollow).toHaveBeenCalledTimes(3);
    expect(revoked).toHaveBeenCalledOnce();
    stop();
  });

  it("stops checking when the stream stops it", async () => {
    const hub = fakeHub();
    const mayFollow = vi.fn(async () => true);
    const stop = await watchFollowAccess({ hub, mayFollow, intervalMs: 1_000 }, watched, vi.fn());
    await settle();
    stop();
    hub.notice("viewer");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(mayFollow).toHaveBeenCalledTimes(1);
    expect(hub.watching("viewer")).toBe(0);
  });
});
