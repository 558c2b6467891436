/** Marks an archived run as having hot points the cold copy lacks, so the archiver folds them in on its next pass. */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db";
import { activities } from "../db/schema";

export async function raiseLatePoints(db: Database, activityId: string): Promise<void> {
  await db
    .update(activities)
    .set({ latePointsSeq: sql`${activities.latePointsSeq} + 1` })
    .where(eq(activities.id, activityId));
}
