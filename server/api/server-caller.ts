/** Calls procedures directly from server components, with the signed-in user of the current request. */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

export const getServerCaller = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));
