/**
 * Who may read whose runs, against the real PostgreSQL: the owner; an accepted friend (with and without
 * the owner's home privacy, and not when the owner keeps runs private); and nobody else — a pending
 * friend in either direction, a stranger, a signed-out visitor.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { user } from "@/server/db/schema";
import { removeFriend, respondToFriendRequest, sendFriendRequest } from "@/server/friends/friendships";
import { updatePrivacySettings } from "@/server/friends/privacy";
import { signUpTestUser, type TestUser } from "@/test-support/integration";
import { runVisibility, viewableOwnerIds } from "./activity-access";

const db = () => getDb();
const hidden = { canView: false, trimRouteEnds: true, isOwner: false };

async function ask(from: TestUser, to: TestUser) {
  const [row] = await db().select({ username: user.username }).from(user).where(eq(user.id, to.id));
  await sendFriendRequest(db(), from.id, { username: row!.username! });
}

async function befriend(a: TestUser, b: TestUser) {
  await ask(a, b);
  await respondToFriendRequest(db(), b.id, { userId: a.id, action: "accept" });
}

describe("activity access", () => {
  let owner: TestUser;
  let viewer: TestUser;

  beforeEach(async () => {
    [owner, viewer] = await Promise.all([signUpTestUser("owner"), signUpTestUser("viewer")]);
  });

  it("the owner sees their own runs whole, whatever their settings", async () => {
    await updatePrivacySettings(db(), owner.id, { runVisibility: "private", hideRouteEnds: true });
    expect(await runVisibility(db(), { userId: owner.id }, owner.id)).toEqual({ canView: true, trimRouteEnds: false, isOwner: true });
    expect(await viewableOwnerIds(db(), { userId: owner.id })).toEqual([owner.id]);
  });

  it("an accepted friend sees the runs with the ends trimmed (home privacy on by default)", async () => {
    await befriend(owner, viewer);
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual({ canView: true, trimRouteEnds: true, isOwner: false });
    expect(await viewableOwnerIds(db(), { userId: viewer.id })).toEqual([viewer.id, owner.id]);
  });

  it("whichever side asked", async () => {
    await befriend(viewer, owner);
    expect((await runVisibility(db(), { userId: viewer.id }, owner.id)).canView).toBe(true);
    expect((await runVisibility(db(), { userId: owner.id }, viewer.id)).canView).toBe(true);
  });

  it("an accepted friend sees whole routes when the owner turns home privacy off", async () => {
    await befriend(owner, viewer);
    await updatePrivacySettings(db(), owner.id, { hideRouteEnds: false });
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual({ canView: true, trimRouteEnds: false, isOwner: false });
  });

  it("an accepted friend sees nothing when the owner keeps runs private, and again when they share", async () => {
    await befriend(owner, viewer);
    await updatePrivacySettings(db(), owner.id, { runVisibility: "private" });
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual(hidden);
    expect(await viewableOwnerIds(db(), { userId: viewer.id })).toEqual([viewer.id]);
    // The owner's own choice does not hide the friend's runs from the owner.
    expect((await runVisibility(db(), { userId: owner.id }, viewer.id)).canView).toBe(true);
    await updatePrivacySettings(db(), owner.id, { runVisibility: "friends" });
    expect((await runVisibility(db(), { userId: viewer.id }, owner.id)).canView).toBe(true);
  });

  it("a pending friend sees nothing, in either direction", async () => {
    await ask(viewer, owner);
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual(hidden);
    expect(await runVisibility(db(), { userId: owner.id }, viewer.id)).toEqual(hidden);
    expect(await viewableOwnerIds(db(), { userId: viewer.id })).toEqual([viewer.id]);
    expect(await viewableOwnerIds(db(), { userId: owner.id })).toEqual([owner.id]);
  });

  it("a removed friend sees nothing any more", async () => {
    await befriend(owner, viewer);
    await removeFriend(db(), viewer.id, { userId: owner.id });
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual(hidden);
    expect(await viewableOwnerIds(db(), { userId: viewer.id })).toEqual([viewer.id]);
  });

  it("a stranger, a signed-out visitor and an unknown owner id see nothing", async () => {
    expect(await runVisibility(db(), { userId: viewer.id }, owner.id)).toEqual(hidden);
    expect(await runVisibility(db(), null, owner.id)).toEqual(hidden);
    expect(await runVisibility(db(), { userId: viewer.id }, "no-such-user")).toEqual(hidden);
    expect(await viewableOwnerIds(db(), { userId: viewer.id })).toEqual([viewer.id]);
  });

  it("lists every friend who shares, and only them", async () => {
    const [sharing, privateFriend, pending] = await Promise.all([
      signUpTestUser("share"),
      signUpTestUser("private"),
      signUpTestUser("pending"),
    ]);
    await befriend(viewer, sharing);
    await befriend(privateFriend, viewer);
    await updatePrivacySettings(db(), privateFriend.id, { runVisibility: "private" });
    await ask(pending, viewer);
    await befriend(owner, viewer);
    const ids = await viewableOwnerIds(db(), { userId: viewer.id });
    expect(ids[0]).toBe(viewer.id);
    expect(ids.slice(1).sort()).toEqual([owner.id, sharing.id].sort());
  });
});
