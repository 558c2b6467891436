/** A runner's own privacy settings: who sees their runs, and whether others see where routes start and end. */
import { eq } from "drizzle-orm";
import type { Database } from "../db";
import { user } from "../db/schema";
import type { PrivacyUpdateInput, RunVisibilitySetting } from "./schemas";

export interface PrivacySettings {
  username: string | null;
  runVisibility: RunVisibilitySetting;
  hideRouteEnds: boolean;
}

const columns = {
  username: user.username,
  displayUsername: user.displayUsername,
  runVisibility: user.runVisibility,
  hideRouteEnds: user.hideRouteEnds,
};

export async function getPrivacySettings(db: Database, userId: string): Promise<PrivacySettings> {
  const [row] = await db.select(columns).from(user).where(eq(user.id, userId));
  if (!row) throw new Error(`Signed-in user ${userId} has no row`);
  return { username: row.displayUsername ?? row.username, runVisibility: row.runVisibility, hideRouteEnds: row.hideRouteEnds };
}

export async function updatePrivacySettings(db: Database, userId: string, input: PrivacyUpdateInput): Promise<PrivacySettings> {
  await db
    .update(user)
    .set({
      ...(input.runVisibility !== undefined && { runVisibility: input.runVisibility }),
      ...(input.hideRouteEnds !== undefined && { hideRouteEnds: input.hideRouteEnds }),
      updatedAt: new Date(),
    })
    .where(eq(user.id, userId));
  return getPrivacySettings(db, userId);
}
