import { activitiesRouter } from "./routers/activities";
import { coursesRouter } from "./routers/courses";
import { friendsRouter } from "./routers/friends";
import { importsRouter } from "./routers/imports";
import { liveRouter } from "./routers/live";
import { profileRouter } from "./routers/profile";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  courses: coursesRouter,
  activities: activitiesRouter,
  friends: friendsRouter,
  profile: profileRouter,
  imports: importsRouter,
  live: liveRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
