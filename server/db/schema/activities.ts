/**
 * Activities (runs). The id is made by the client, so a run started offline keeps its identity when it
 * reaches the server. The computed record lives here; the raw points live in Cassandra.
 */
import { doublePrecision, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { courses } from "./courses";

export const activityStatusEnum = pgEnum("activity_status", ["active", "completed", "stopped"]);

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    courseId: uuid("course_id").references(() => courses.id, { onDelete: "set null" }),
    status: activityStatusEnum("status").notNull().default("active"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /** Computed from the stored points; null until the run is finished. */
    distanceMeters: doublePrecision("distance_meters"),
    pointCount: integer("point_count"),
    recordComputedAt: timestamp("record_computed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("activities_user_started_idx").on(table.userId, table.startedAt.desc())],
);
