import { z } from "zod";
import { plainText } from "../../validation";
import { getCourseBySlug } from "../../courses/queries";
import { courseSearchInput, listPrograms, searchCourses } from "../../courses/search";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const coursesRouter = createTRPCRouter({
  search: publicProcedure.input(courseSearchInput).query(({ ctx, input }) => searchCourses(ctx.db, input)),
  programs: publicProcedure.query(({ ctx }) => listPrograms(ctx.db)),
  get: publicProcedure
    .input(z.object({ slug: plainText(120).min(1) }))
    .query(({ ctx, input }) => getCourseBySlug(ctx.db, input.slug)),
});
