/**
 * Live runs: a runner's choice, for one run, of whether accepted friends may follow it live. A run without a
 * row follows the runner's default (`user.live_by_default`, off unless changed). No foreign key to
 * `activities`: the choice is made on the start screen and may reach the server before the run's start event
 * does (the outbox sends events in order, the choice goes at once); access always checks that the run's owner
 * is the user who chose, so a row can never open someone else's run.
 */
import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const liveRunChoices = pgTable("live_run_choices", {
  activityId: uuid("activity_id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  followable: boolean("followable").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
