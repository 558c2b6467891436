/**
 * Who may read whose runs. The one place every history procedure asks, so a rule changes in one place.
 * Writing is always owner-only (see server/activities); reading is the owner, or an accepted friend when
 * the owner's runs are visible to friends (`user.run_visibility = 'friends'`, the default). Anyone else —
 * a stranger, a pending friend in either direction, a signed-out visitor — gets "not found", never
 * "forbidden": they must not learn that a guessed id exists.
 *
 * Home privacy: a friend sees the owner's routes without their first and last 200 m when the owner keeps
 * `hide_route_ends` on (the default); the owner always sees the whole route.
 */
import { and, eq, or, sql } from "drizzle-orm";
import type { Database } from "../db";
import { shownUsername } from "../db/shown-username";
import { friendships, user } from "../db/schema";

export interface Viewer {
  userId: string;
}

/** What a viewer may see of one owner's runs. */
export interface RunVisibility {
  /** Whether the viewer may read this owner's runs at all. */
  canView: boolean;
  /** Whether the start and finish of routes must be trimmed for this viewer (home privacy). */
  trimRouteEnds: boolean;
  isOwner: boolean;
}

const acceptedBetween = (a: string, b: string) =>
  and(
    eq(friendships.status, "accepted"),
    or(
      and(eq(friendships.requesterId, a), eq(friendships.addresseeId, b)),
      and(eq(friendships.requesterId, b), eq(friendships.addresseeId, a)),
    ),
  );

export async function runVisibility(db: Database, viewer: Viewer | null, ownerId: string): Promise<RunVisibility> {
  if (viewer?.userId === ownerId) return { canView: true, trimRouteEnds: false, isOwner: true };
  // Whoever cannot view gets trimmed ends too, so a caller that forgets to check canView still hides home.
  const hidden: RunVisibility = { canView: false, trimRouteEnds: true, isOwner: false };
  if (!viewer) return hidden;
  const [owner] = await db
    .select({
      runVisibility: user.runVisibility,
      hideRouteEnds: user.hideRouteEnds,
      isFriend: sql<boolean>`exists (${db.select({ one: sql`1` }).from(friendships).where(acceptedBetween(viewer.userId, ownerId))})`,
    })
    .from(user)
    .where(eq(user.id, ownerId));
  if (!owner || !owner.isFriend || owner.runVisibility !== "friends") return hidden;
  return { canView: true, trimRouteEnds: owner.hideRouteEnds, isOwner: false };
}

export interface VisibleRunner {
  id: string;
  username: string;
  name: string;
  isOwner: boolean;
}

/**
 * The runner with this username, if the viewer may see their runs (themselves, or a friend who shares);
 * otherwise null, exactly as for a username nobody has. Usernames are stored lower-cased by better-auth.
 */
export async function findViewableRunner(db: Database, viewer: Viewer, username: string): Promise<VisibleRunner | null> {
  const [runner] = await db
    .select({ id: user.id, username: shownUsername(user), name: user.name })
    .from(user)
    .where(eq(user.username, username.toLowerCase()))
    .limit(1);
  if (!runner) return null;
  const visibility = await runVisibility(db, viewer, runner.id);
  return visibility.canView ? { ...runner, isOwner: visibility.isOwner } : null;
}

/** The owners whose runs the viewer may list (the viewer first, then friends who share with friends). */
export async function viewableOwnerIds(db: Database, viewer: Viewer): Promise<string[]> {
  const friendId = sql<string>`case when ${friendships.requesterId} = ${viewer.userId} then ${friendships.addresseeId} else ${friendships.requesterId} end`;
  const rows = await db
    .select({ id: user.id })
    .from(friendships)
    .innerJoin(user, eq(user.id, friendId))
    .where(
      and(
        eq(friendships.status, "accepted"),
        or(eq(friendships.requesterId, viewer.userId), eq(friendships.addresseeId, viewer.userId)),
        eq(user.runVisibility, "friends"),
      ),
    )
    .orderBy(user.id);
  return [viewer.userId, ...rows.map((row) => row.id)];
}
