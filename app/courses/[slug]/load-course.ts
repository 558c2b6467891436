/** A course for its pages, fetched once per request (metadata and page share it), or the not-found page. */
import "server-only";
import { cache } from "react";
import { getServerCaller } from "@/server/api/server-caller";
import { orNotFound } from "../../_lib/or-not-found";

export const loadCourse = cache(async (slug: string) => orNotFound((await getServerCaller()).courses.get({ slug })));
