/**
 * Friends by username: ask, accept or decline, remove, list. One `friendships` row per pair; a request to
 * someone who already asked you accepts theirs. Each change runs in a transaction that locks the pair's
 * row, and the unique index on the unordered pair settles two requests crossing at the same moment.
 */
import { aliasedTable, and, eq, or, sql } from "drizzle-orm";
import type { Database } from "../db";
import { shownUsername } from "../db/shown-username";
import { friendships, user } from "../db/schema";
import {
  FriendRequestNotFoundError,
  FriendshipExistsError,
  FriendshipNotFoundError,
  RunnerNotFoundError,
  SelfFriendRequestError,
} from "../errors";
import {
  friendRequestInput,
  type FriendRequestInput,
  type RemoveFriendInput,
  type RespondInput,
} from "./schemas";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface Runner {
  userId: string;
  username: string;
  name: string;
}

export interface FriendList {
  /** `sharesRuns`: whether their runs are visible to friends (their history can be opened). */
  friends: (Runner & { since: Date; sharesRuns: boolean })[];
  incoming: (Runner & { requestedAt: Date })[];
  outgoing: (Runner & { requestedAt: Date })[];
}

export interface FriendRequestResult {
  /** `accepted` when the other runner had already asked you. */
  status: "pending" | "accepted";
  runner: Runner;
}

const pairIs = (a: string, b: string) =>
  or(
    and(eq(friendships.requesterId, a), eq(friendships.addresseeId, b)),
    and(eq(friendships.requesterId, b), eq(friendships.addresseeId, a)),
  );

async function lockPair(tx: Transaction, a: string, b: string) {
  const [row] = await tx.select().from(friendships).where(pairIs(a, b)).for("update");
  return row;
}

export async function sendFriendRequest(db: Database, userId: string, input: FriendRequestInput): Promise<FriendRequestResult> {
  const { username } = friendRequestInput.parse(input);
  const [target] = await db
    .select({ userId: user.id, username: user.username, displayUsername: user.displayUsername, name: user.name })
    .from(user)
    .where(eq(user.username, username));
  if (!target) throw new RunnerNotFoundError(username);
  if (target.userId === userId) throw new SelfFriendRequestError();
  const runner: Runner = { userId: target.userId, username: target.displayUsername ?? target.username ?? username, name: target.name };

  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(friendships)
      .values({ requesterId: userId, addresseeId: target.userId })
      .onConflictDoNothing()
      .returning({ status: friendships.status });
    if (inserted.length > 0) return { status: "pending" as const, runner };

    const existing = await lockPair(tx, userId, target.userId);
    if (!existing) throw new FriendshipExistsError(`A request between you and ${runner.username} just changed; try again`);
    if (existing.status === "accepted") throw new FriendshipExistsError(`You are already friends with ${runner.username}`);
    if (existing.requesterId === userId) throw new FriendshipExistsError(`You already asked ${runner.username}; waiting for an answer`);
    await tx
      .update(friendships)
      .set({ status: "accepted", acceptedAt: new Date() })
      .where(and(eq(friendships.requesterId, target.userId), eq(friendships.addresseeId, userId)));
    return { status: "accepted" as const, runner };
  });
}

/** Accepts or declines a pending request that `input.userId` sent to `userId`. Declining deletes it. */
export async function respondToFriendRequest(db: Database, userId: string, input: RespondInput): Promise<{ status: "accepted" | "declined" }> {
  const fromThem = and(
    eq(friendships.requesterId, input.userId),
    eq(friendships.addresseeId, userId),
    eq(friendships.status, "pending"),
  );
  if (input.action === "accept") {
    const updated = await db
      .update(friendships)
      .set({ status: "accepted", acceptedAt: new Date() })
      .where(fromThem)
      .returning({ requesterId: friendships.requesterId });
    if (updated.length === 0) throw new FriendRequestNotFoundError();
    return { status: "accepted" };
  }
  const deleted = await db.delete(friendships).where(fromThem).returning({ requesterId: friendships.requesterId });
  if (deleted.length === 0) throw new FriendRequestNotFoundError();
  return { status: "declined" };
}

/** Ends a friendship, or withdraws a request either of you sent: deletes the pair's row whatever its state. */
export async function removeFriend(db: Database, userId: string, input: RemoveFriendInput): Promise<{ removed: true }> {
  const deleted = await db
    .delete(friendships)
    .where(pairIs(userId, input.userId))
    .returning({ requesterId: friendships.requesterId });
  if (deleted.length === 0) throw new FriendshipNotFoundError();
  return { removed: true };
}

export async function listFriends(db: Database, userId: string): Promise<FriendList> {
  const other = aliasedTable(user, "other");
  const rows = await db
    .select({
      requesterId: friendships.requesterId,
      status: friendships.status,
      createdAt: friendships.createdAt,
      acceptedAt: friendships.acceptedAt,
      userId: other.id,
      username: shownUsername(other),
      name: other.name,
      runVisibility: other.runVisibility,
    })
    .from(friendships)
    .innerJoin(
      other,
      sql`${other.id} = case when ${friendships.requesterId} = ${userId} then ${friendships.addresseeId} else ${friendships.requesterId} end`,
    )
    .where(or(eq(friendships.requesterId, userId), eq(friendships.addresseeId, userId)))
    .orderBy(sql`lower(${shownUsername(other)})`);

  const list: FriendList = { friends: [], incoming: [], outgoing: [] };
  for (const row of rows) {
    const runner: Runner = { userId: row.userId, username: row.username, name: row.name };
    if (row.status === "accepted") list.friends.push({ ...runner, since: row.acceptedAt ?? row.createdAt, sharesRuns: row.runVisibility === "friends" });
    else if (row.requesterId === userId) list.outgoing.push({ ...runner, requestedAt: row.createdAt });
    else list.incoming.push({ ...runner, requestedAt: row.createdAt });
  }
  return list;
}
