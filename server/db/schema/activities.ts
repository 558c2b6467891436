/**
 * Activities (runs) and the lifecycle events they are folded from. The ids are made by the client, so a
 * run started offline keeps its identity when it reaches the server, and a re-sent event is recognised.
 * The computed record lives here; the raw points live in Cassandra.
 */
import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { RUN_EVENT_TYPES } from "@/domain/run/events";
import type { PauseInterval } from "@/domain/run/run-clock";
import type { RoutePreviews } from "@/domain/geo/route-preview";
import type { RunRecord } from "@/domain/record/compute-record";
import { user } from "./auth";
import { courses } from "./courses";

export const activityStatusEnum = pgEnum("activity_status", ["active", "paused", "completed", "stopped"]);
/** The file format a run was imported from (server/activities/import-run.ts); null for a run recorded here. */
export const activityImportFormatEnum = pgEnum("activity_import_format", ["gpx", "tcx", "fit"]);

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    courseId: uuid("course_id").references(() => courses.id, { onDelete: "set null" }),
    /** Status, times and pauses are the fold of the run's events (`activity_events`), kept here for reading. */
    status: activityStatusEnum("status").notNull().default("active"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    pauses: jsonb("pauses").$type<PauseInterval[]>().notNull().default([]),
    /** Computed from the stored points; null until the run is finished. */
    distanceMeters: doublePrecision("distance_meters"),
    movingSeconds: doublePrecision("moving_seconds"),
    pointCount: integer("point_count"),
    /** The whole computed record (splits, per-step results, route, what the filter set aside). */
    record: jsonb("record").$type<RunRecord>(),
    recordComputedAt: timestamp("record_computed_at", { withTimezone: true }),
    /**
     * The record's route in at most 48 points, whole and with home privacy's ends cut (domain/geo/route-preview.ts),
     * for history cards' thumbnails. Its own small column (about 2 KB, stored inline) so a history page never
     * reads the whole record.
     */
    routePreview: jsonb("route_preview").$type<RoutePreviews>(),
    /**
     * The record is asked for (the finish, points arriving after it, a recompute) by raising
     * `record_requested_seq`; a computation stores the value it read before reading the points as
     * `record_computed_seq`. The run is "computing…" while requested > computed: a request that lands while a
     * computation is reading is not lost, and no clock is compared across servers.
     */
    recordRequestedSeq: integer("record_requested_seq").notNull().default(0),
    recordComputedSeq: integer("record_computed_seq").notNull().default(0),
    /**
     * Hot and cold points (server/archive/): set when a cold copy of the run's points was written, read back,
     * compared and only then the hot rows deleted; null while every point is hot. `late_points_seq` is raised by
     * the Location Service for each poll that writes points of a run with a cold copy (a phone offline for
     * months), `cold_late_points_seq` is the value the archiver read before its last copy: while it is behind,
     * the run has hot points to fold in. An archiver claims a run (`archive_claim`, its own token, until
     * `archive_claimed_until`) and marks it cold only while the claim is still its own, so one whose claim ran out
     * under it never deletes hot rows another archiver has not copied (server/archive/claims.ts).
     */
    coldPointsAt: timestamp("cold_points_at", { withTimezone: true }),
    latePointsSeq: integer("late_points_seq").notNull().default(0),
    coldLatePointsSeq: integer("cold_late_points_seq").notNull().default(0),
    archiveClaim: uuid("archive_claim"),
    archiveClaimedUntil: timestamp("archive_claimed_until", { withTimezone: true }),
    /** Set for a run imported from a file (no course, no events): the history marks it so. */
    importedFrom: activityImportFormatEnum("imported_from"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // History pages walk (started_at, id) newest first per runner (keyset pagination; id breaks equal starts).
    index("activities_user_started_id_idx").on(table.userId, table.startedAt.desc(), table.id.desc()),
    // The history's program filter asks, course by course, whether the runner has run it: one index probe
    // per course instead of reading every run the runner ever made.
    index("activities_user_course_idx").on(table.userId, table.courseId),
    // The Location Service's sweep finds finished runs whose record is owed (a worker died before computing).
    index("activities_record_owed_idx")
      .on(table.id)
      .where(sql`${table.recordRequestedSeq} > ${table.recordComputedSeq} and ${table.finishedAt} is not null`),
    // The archiver's two questions: the oldest runs not archived yet, and archived runs with late points.
    index("activities_hot_started_idx").on(table.startedAt).where(sql`${table.coldPointsAt} is null`),
    index("activities_late_points_idx").on(table.id).where(sql`${table.latePointsSeq} > ${table.coldLatePointsSeq}`),
  ],
);

export const activityEventTypeEnum = pgEnum("activity_event_type", RUN_EVENT_TYPES);
export const activityFinishStatusEnum = pgEnum("activity_finish_status", ["completed", "stopped"]);

/** A run's lifecycle log as delivered by the runner's outbox: one row per event, kept as sent. */
export const activityEvents = pgTable(
  "activity_events",
  {
    /** The client's event id: a re-delivered event hits this key and is recognised. */
    id: uuid("id").primaryKey(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: activityEventTypeEnum("type").notNull(),
    /** When it happened on the runner's device. */
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    /** Start events only. No foreign key: the log keeps what was sent even if the course goes away. */
    courseId: uuid("course_id"),
    /** Finish events only. */
    status: activityFinishStatusEnum("status"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("activity_events_activity_seq_unique").on(table.activityId, table.seq),
    // The fold reads these back as RunEvents: a start without its course or a finish without its status
    // could not be one.
    check("activity_events_start_course", sql`(${table.type} = 'start') = (${table.courseId} is not null)`),
    check("activity_events_finish_status", sql`(${table.type} = 'finish') = (${table.status} is not null)`),
  ],
);
