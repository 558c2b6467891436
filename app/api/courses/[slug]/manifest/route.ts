/**
 * `GET /api/courses/<slug>/manifest?locale=en|ko`: the files a device downloads to run a course offline
 * (server/media/course-manifest.ts). Revalidated on every use (`no-cache` + ETag), so a client notices a new
 * version as soon as the audio is regenerated, and pays only a 304 when nothing changed.
 */
import { z } from "zod";
import { LOCALES } from "@/domain/coaching/step-types";
import { getDb } from "@/server/db";
import { getCourseBySlug } from "@/server/courses/queries";
import { CourseNotFoundError } from "@/server/errors";
import { buildCourseManifest } from "@/server/media/course-manifest";
import { getMediaIndex } from "@/server/media/media-index";

export const dynamic = "force-dynamic";

const localeSchema = z.enum(LOCALES);
const SLUG_PATTERN = /^[a-z0-9-]+$/;
const REVALIDATE = "no-cache";

interface ManifestRouteContext {
  params: Promise<{ slug: string }>;
}

/** True when an `If-None-Match` header (a list, possibly weak tags) names `etag`. */
function matchesEtag(header: string | null, etag: string): boolean {
  return header !== null && header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export async function GET(request: Request, context: ManifestRouteContext): Promise<Response> {
  const { slug } = await context.params;
  const locale = localeSchema.safeParse(new URL(request.url).searchParams.get("locale"));
  if (!locale.success) return problem(400, `locale must be one of: ${LOCALES.join(", ")}`);
  if (!SLUG_PATTERN.test(slug)) return problem(404, `No course ${slug}`);

  let course;
  try {
    course = await getCourseBySlug(getDb(), slug);
  } catch (error) {
    if (error instanceof CourseNotFoundError) return problem(404, `No course ${slug}`);
    throw error;
  }
  const manifest = buildCourseManifest(course, locale.data, getMediaIndex());
  const etag = `"${manifest.version}"`;
  const headers = { "cache-control": REVALIDATE, etag };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return Response.json(manifest, { headers });
}
