/**
 * Loads the course catalog from its versioned seed file into PostgreSQL. Ids are derived from slugs,
 * so seeding twice (or on another machine) gives the same ids and changes nothing.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { RUNNING_STEP_TYPES } from "@/domain/coaching/step-types";
import type { Database } from "./client";
import { courseSteps, courses, programs, stepTypeEnum, levelEnum } from "./schema";

const stepSchema = z.tuple([z.enum(stepTypeEnum.enumValues), z.number().int().positive().max(4 * 3600)]);

const programSchema = z.object({
      order: z.number().int().min(1),
      slug: z.string().regex(/^[a-z0-9-]+$/),
      titleEn: z.string().min(1),
      titleKo: z.string().min(1),
      descriptionEn: z.string().min(1),
      descriptionKo: z.string().min(1),
      level: z.enum(levelEnum.enumValues),
      courses: z.array(
        z.object({
          slug: z.string().regex(/^[a-z0-9-]+$/),
          week: z.number().int().min(1),
          session: z.number().int().min(1),
          titleEn: z.string().min(1),
          titleKo: z.string().min(1),
          descriptionEn: z.string().min(1),
          descriptionKo: z.string().min(1),
          steps: z.array(stepSchema).min(1),
        }),
      ),
});

export interface Catalog {
  programs: z.infer<typeof programSchema>[];
}


/** A stable UUID (version-5 layout) from a name, so seeded rows keep their ids across machines. */
export function stableUuid(name: string): string {
  const hex = createHash("sha1").update(`runcoach:${name}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const defaultCatalogDir = () => path.join(process.cwd(), "seed", "catalog");

/** Reads every program file (`NN-<slug>.json`) of the catalog folder; a malformed file names itself. */
export async function readCatalog(dir: string = defaultCatalogDir()): Promise<Catalog> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".json")).sort();
  const programsRead = await Promise.all(
    files.map(async (file) => {
      const parsed = programSchema.safeParse(JSON.parse(await readFile(path.join(dir, file), "utf8")));
      if (!parsed.success) throw new Error(`seed/catalog/${file}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    }),
  );
  return { programs: programsRead };
}

export async function seedCatalog(db: Database, catalog: Catalog): Promise<{ programs: number; courses: number }> {
  let courseCount = 0;
  await db.transaction(async (tx) => {
    for (const program of catalog.programs) {
      const programId = stableUuid(`program:${program.slug}`);
      const { courses: programCourses, order, ...rest } = program;
      const programFields = { ...rest, position: order };
      await tx
        .insert(programs)
        .values({ id: programId, ...programFields })
        .onConflictDoUpdate({ target: programs.id, set: programFields });
      for (const course of programCourses) {
        const courseId = stableUuid(`course:${course.slug}`);
        const { steps, ...courseFields } = course;
        const totals = {
          totalSeconds: steps.reduce((sum, [, duration]) => sum + duration, 0),
          runningSeconds: steps.reduce((sum, [type, duration]) => sum + (RUNNING_STEP_TYPES.has(type) ? duration : 0), 0),
        };
        const values = { ...courseFields, ...totals, programId, level: program.level };
        await tx
          .insert(courses)
          .values({ id: courseId, ...values })
          .onConflictDoUpdate({ target: courses.id, set: values });
        await tx.delete(courseSteps).where(eq(courseSteps.courseId, courseId));
        await tx.insert(courseSteps).values(
          steps.map(([type, durationSeconds], position) => ({ courseId, position, type, durationSeconds })),
        );
        courseCount++;
      }
    }
  });
  return { programs: catalog.programs.length, courses: courseCount };
}
