/** The course catalog: programs, their courses, and each course's ordered steps. */
import { STEP_TYPES } from "@/domain/coaching/step-types";
import { integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const levelEnum = pgEnum("course_level", ["beginner", "intermediate", "advanced"]);

export const stepTypeEnum = pgEnum("step_type", STEP_TYPES);

export const programs = pgTable("programs", {
  id: uuid("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  /** Display order of programs in the catalog. */
  position: integer("position").notNull().default(0),
  titleEn: text("title_en").notNull(),
  titleKo: text("title_ko").notNull(),
  descriptionEn: text("description_en").notNull(),
  descriptionKo: text("description_ko").notNull(),
  level: levelEnum("level").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const courses = pgTable("courses", {
  id: uuid("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  programId: uuid("program_id")
    .notNull()
    .references(() => programs.id, { onDelete: "restrict" }),
  week: integer("week").notNull(),
  session: integer("session").notNull(),
  titleEn: text("title_en").notNull(),
  titleKo: text("title_ko").notNull(),
  descriptionEn: text("description_en").notNull(),
  descriptionKo: text("description_ko").notNull(),
  level: levelEnum("level").notNull(),
  totalSeconds: integer("total_seconds").notNull(),
  runningSeconds: integer("running_seconds").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const courseSteps = pgTable(
  "course_steps",
  {
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: stepTypeEnum("type").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
  },
  (table) => [primaryKey({ columns: [table.courseId, table.position] })],
);
