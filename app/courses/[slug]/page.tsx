import type { Metadata } from "next";
import { stepCueKey, stepCueText } from "@/domain/coaching/cues";
import { buildCourseManifest } from "@/server/media/course-manifest";
import { getMediaIndex } from "@/server/media/media-index";
import { AudioPreview } from "../../_components/audio-preview";
import { CourseDownload } from "../../_components/course-download";
import { CourseTimeline, TimelineLegend } from "../../_components/course-timeline";
import { getDictionary } from "../../_i18n/server";
import { formatBytes, formatDuration } from "../../_lib/format";
import { getSession } from "../../_lib/session";
import { StartRunButton } from "./start-run-button";
import { loadCourse } from "./load-course";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const [course, { locale }] = await Promise.all([loadCourse((await params).slug), getDictionary()]);
  return { title: locale === "ko" ? course.titleKo : course.titleEn };
}

export default async function CoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [course, session, { locale, t }] = await Promise.all([loadCourse(slug), getSession(), getDictionary()]);
  const ko = locale === "ko";
  const manifest = buildCourseManifest(course, locale, getMediaIndex());
  return (
    <article className="course-page">
      <p className="card-kicker">
        <span className={`level-badge level-${course.level}`}>{t.levels[course.level]}</span>{" "}
        {t.catalog.week(course.week, course.session)}
      </p>
      <h1>{ko ? course.titleKo : course.titleEn}</h1>
      <p>{ko ? course.descriptionKo : course.descriptionEn}</p>

      <dl className="fact-grid">
        <div>
          <dt>{t.course.total}</dt>
          <dd>{formatDuration(course.totalSeconds, t.units)}</dd>
        </div>
        <div>
          <dt>{t.course.running}</dt>
          <dd>{formatDuration(course.runningSeconds, t.units)}</dd>
        </div>
        <div>
          <dt>{t.course.downloadSize}</dt>
          <dd>{formatBytes(manifest.totalBytes)}</dd>
        </div>
      </dl>

      <CourseTimeline steps={course.steps} t={t} size="full" />
      <TimelineLegend types={course.steps.map((step) => step.type)} t={t} />

      <div className="button-row">
        <StartRunButton
          courseSlug={course.slug}
          signedIn={Boolean(session)}
          labels={{ start: t.course.start, signInToStart: t.course.signInToStart }}
        />
      </div>
      <CourseDownload slug={course.slug} locale={locale} sizeBytes={manifest.totalBytes} />
      {course.steps[0] && (
        <AudioPreview slug={course.slug} locale={locale} cueKey={stepCueKey(course.steps[0].type, course.steps[0].durationSeconds)} />
      )}

      <h2>{t.course.steps}</h2>
      <ol className="steps">
        {course.steps.map((step) => (
          <li key={step.position}>
            <span className={`legend-swatch step-${step.type}`} aria-hidden="true" />
            <span className="step-name">
              <strong>{t.steps[step.type]}</strong>
              <span className="meta">“{stepCueText(step.type, step.durationSeconds, locale)}”</span>
            </span>
            <span className="step-duration">{formatDuration(step.durationSeconds, t.units)}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}
