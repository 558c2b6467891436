import { activitiesRouter } from "./routers/activities";
import { coursesRouter } from "./routers/courses";
import { friendsRouter } from "./routers/friends";
import { profileRouter } from "./routers/profile";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  courses: coursesRouter,
  activities: activitiesRouter,
  friends: friendsRouter,
  profile: profileRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
