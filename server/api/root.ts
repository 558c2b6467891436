import { activitiesRouter } from "./routers/activities";
import { coursesRouter } from "./routers/courses";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  courses: coursesRouter,
  activities: activitiesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
