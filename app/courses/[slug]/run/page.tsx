/**
 * The run screen of a course. Everything the run needs is rendered into the HTML — the steps, the voice and
 * music URLs of the course manifest in the page's language, and the labels — so the copy a course download
 * stores runs with no network at all. The run itself lives in the browser (IndexedDB and the outbox).
 * The page takes the whole screen: `.run-page` hides the site header and the tab bar (globals.css) and
 * brings its own compact bar.
 */
import type { Metadata } from "next";
import { buildCourseManifest } from "@/server/media/course-manifest";
import { getMediaIndex } from "@/server/media/media-index";
import { CourseTimeline } from "../../../_components/course-timeline";
import { getDictionary } from "../../../_i18n/server";
import { formatDuration } from "../../../_lib/format";
import { getSession } from "../../../_lib/session";
import type { RunMedia } from "./_lib/use-coach-player";
import { RunBar } from "./run-bar";
import { RunScreen } from "./run-screen";
import { loadCourse } from "../load-course";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const [course, { locale, t }] = await Promise.all([loadCourse((await params).slug), getDictionary()]);
  return { title: `${t.run.start} · ${locale === "ko" ? course.titleKo : course.titleEn}` };
}

export default async function RunPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [course, session, { locale, t }] = await Promise.all([loadCourse(slug), getSession(), getDictionary()]);
  const title = locale === "ko" ? course.titleKo : course.titleEn;
  const steps = course.steps.map(({ type, durationSeconds }) => ({ type, durationSeconds }));

  if (!session) {
    // No redirect: a download made while signed out stores this page, which then says what to do.
    return (
      <article className="run-page">
        <RunBar title={title} closeHref={`/courses/${encodeURIComponent(course.slug)}`} closeLabel={t.runScreen.close} />
        <a className="button" href={`/sign-in?next=${encodeURIComponent(`/courses/${course.slug}/run`)}`}>
          {t.course.signInToStart}
        </a>
      </article>
    );
  }

  const manifest = buildCourseManifest(course, locale, getMediaIndex());
  const media: RunMedia = {
    cues: Object.fromEntries(manifest.files.filter((file) => file.kind === "voice").map((file) => [file.key, file.url])),
    music: manifest.files.filter((file) => file.kind === "music").map((file) => file.url),
  };

  return (
    <article className="run-page">
      <RunScreen
        course={{ id: course.id, slug: course.slug, title, steps }}
        locale={locale}
        media={media}
        labels={t.run}
        screenLabels={t.runScreen}
        uploadLabels={{ waitingOne: t.uploads.waitingOne, waitingMany: t.uploads.waitingMany }}
        stepNames={t.steps}
        intro={
          <>
            <p className="meta">
              {t.course.total} {formatDuration(course.totalSeconds, t.units)} · {t.course.running}{" "}
              {formatDuration(course.runningSeconds, t.units)}
            </p>
            <CourseTimeline steps={steps} t={t} size="full" />
          </>
        }
      />
    </article>
  );
}
