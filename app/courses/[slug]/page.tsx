import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { TRPCError } from "@trpc/server";
import { stepCueKey } from "@/domain/coaching/cues";
import { AudioPreview } from "../../_components/audio-preview";
import { CourseDownload } from "../../_components/course-download";
import { formatDuration } from "../../_lib/format";
import { getSession } from "../../_lib/session";
import { StartRunButton } from "./start-run-button";

const STEP_LABELS: Record<string, string> = {
  warmup: "Warm-up walk",
  walk: "Walk",
  brisk_walk: "Brisk walk",
  jog: "Jog",
  run: "Run",
  sprint: "Sprint",
  cooldown: "Cool-down walk",
};

async function loadCourse(slug: string) {
  const caller = await getServerCaller();
  try {
    return await caller.courses.get({ slug });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const course = await loadCourse((await params).slug);
  return { title: course.titleEn };
}

export default async function CoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [course, session] = await Promise.all([loadCourse(slug), getSession()]);
  return (
    <>
      <h1>
        {course.titleEn} <span lang="ko">· {course.titleKo}</span>
      </h1>
      <p>{course.descriptionEn}</p>
      <p className="meta">
        {formatDuration(course.totalSeconds)} total · {formatDuration(course.runningSeconds)} running
      </p>
      <h2>Steps</h2>
      <ol className="steps">
        {course.steps.map((step) => (
          <li key={step.position}>
            <span>{STEP_LABELS[step.type] ?? step.type}</span>
            <span>{formatDuration(step.durationSeconds)}</span>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <StartRunButton courseId={course.id} courseSlug={course.slug} signedIn={Boolean(session)} />
      </div>
      <CourseDownload slug={course.slug} locale="en" />
      {course.steps[0] && (
        <AudioPreview slug={course.slug} locale="en" cueKey={stepCueKey(course.steps[0].type, course.steps[0].durationSeconds)} />
      )}
    </>
  );
}
