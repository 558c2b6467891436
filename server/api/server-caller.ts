/** Calls procedures directly from server components, with the signed-in user of the current request. */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getAuth } from "../auth";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

/**
 * The request's session, looked up once per request however many components ask (the header, the page,
 * the server caller). Reading the headers first marks the page dynamic before any server state is touched.
 */
export const getRequestSession = cache(async () => {
  const requestHeaders = await headers();
  return getAuth().api.getSession({ headers: requestHeaders });
});

export const getServerCaller = cache(async () =>
  createCaller(await createTRPCContext({ headers: await headers(), session: await getRequestSession() })),
);
