import { z } from "zod";
import { getCourseBySlug, listCourses } from "../../courses/queries";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const coursesRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listCourses(ctx.db)),
  get: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(120) }))
    .query(({ ctx, input }) => getCourseBySlug(ctx.db, input.slug)),
});
