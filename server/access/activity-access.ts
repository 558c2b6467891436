/**
 * Who may read whose runs. The one place every history procedure asks, so a rule changes in one place.
 * Writing is always owner-only (see server/activities); reading is the owner, or an accepted friend when
 * the owner's runs are visible to friends. Anyone else gets "not found", never "forbidden": a stranger
 * must not learn that a guessed id exists.
 *
 * Today: owner only. The friends work extends `viewableOwnerIds` and `canViewRunsOf`.
 */
import type { Database } from "../db";

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

export async function runVisibility(_db: Database, viewer: Viewer | null, ownerId: string): Promise<RunVisibility> {
  const isOwner = viewer?.userId === ownerId;
  return { canView: isOwner, trimRouteEnds: false, isOwner };
}

/** The owners whose runs the viewer may list (the viewer first). */
export async function viewableOwnerIds(_db: Database, viewer: Viewer): Promise<string[]> {
  return [viewer.userId];
}
