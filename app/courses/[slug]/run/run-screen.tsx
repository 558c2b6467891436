"use client";
/**
 * The run screen's client side: finds the run this device is recording, and shows the start panel, that
 * run (resumed after a reload at the right second), or — when another course's run is unfinished — the
 * way to it, so a second tab never starts a second run. It owns the two `<audio>` elements, so the ones the
 * Start tap unlocked are the ones the coach plays through.
 *
 * The run itself (coach, GPS, wake lock, lock-screen controls, friends' cheers, the running and finished
 * views: run-session) is a chunk of its own (use-run-session-module.ts), fetched when the runner taps Start
 * or when the device holds a run of this course: opening the run screen costs only the start panel's code
 * (issue 14's 150 KB budget). The service worker precaches every chunk of the build, so the split changes
 * nothing offline.
 */
import { useRef, useState, type ReactNode } from "react";
import type { CourseStep } from "@/domain/coaching/schedule";
import type { Locale, StepType } from "@/domain/coaching/step-types";
import { beginRun, isRunFinished, updateRunSettings } from "@/app/_lib/run";
import { UploadBadge, type UploadBadgeLabels } from "@/app/_components/upload-badge";
import { useOutboxStatus } from "@/app/_components/use-outbox-status";
import type { Dictionary } from "@/app/_i18n/en";
import { fill } from "./_lib/fill";
import { primeAudio } from "./_lib/prime-audio";
import type { RunMedia } from "./_lib/use-coach-player";
import { useDeviceRun } from "./_lib/use-device-run";
import { loadRunSession, useRunSessionModule } from "./_lib/use-run-session-module";
import { startErrorMessage } from "./_lib/storage-room";
import { RunBar } from "./run-bar";
import { RunIntro } from "./run-intro";
import { LiveShareChoice } from "./live-share-choice";

export type RunLabels = Dictionary["run"];
export type RunScreenLabels = Dictionary["runScreen"];

export type StepNames = Record<StepType, string>;

export interface RunCourse {
  id: string;
  slug: string;
  title: string;
  steps: CourseStep[];
}

export function RunScreen(props: {
  course: RunCourse;
  locale: Locale;
  media: RunMedia;
  labels: RunLabels;
  screenLabels: RunScreenLabels;
  uploadLabels: UploadBadgeLabels;
  stepNames: StepNames;
  /** The course summary, rendered on the server, shown before the start. */
  intro: ReactNode;
}) {
  const { course, locale, media, labels, screenLabels, uploadLabels, stepNames, intro } = props;
  const startingHere = useRef(false);
  const { device, show } = useDeviceRun(startingHere);
  // Uploading itself runs app-wide (app/_components/pwa/upload-sync.tsx); the screen shows its counts.
  const outbox = useOutboxStatus();
  const voice = useRef<HTMLAudioElement>(null);
  const music = useRef<HTMLAudioElement>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const ownRun = device.status === "ready" && device.run?.courseSlug === course.slug ? device.run : null;
  const session = useRunSessionModule(ownRun !== null);

  async function start(musicOn: boolean) {
    // Inside the tap: unlocks both elements for the cues and music that follow (iOS needs this).
    primeAudio(voice.current, Object.values(media.cues)[0]);
    if (musicOn) primeAudio(music.current, media.music[0]);
    // Fetched while IndexedDB stores the start, so the running view is there when the run is.
    loadRunSession().catch(() => undefined); // a failure shows as loading, and is retried by the render
    setStarting(true);
    setStartError(null);
    startingHere.current = true;
    try {
      const begun = await beginRun({
        courseId: course.id,
        courseSlug: course.slug,
        courseTitle: course.title,
        steps: course.steps,
        locale,
      });
      const run =
        !begun.resumed && begun.run.musicOn !== musicOn
          ? await updateRunSettings(begun.run.activityId, { musicOn })
          : begun.run;
      show(run);
    } catch (error) {
      setStartError(startErrorMessage(error, labels));
    } finally {
      startingHere.current = false;
      setStarting(false);
    }
  }

  let content: ReactNode;
  if (device.status === "loading") {
    content = <p className="meta">{labels.loading}</p>;
  } else if (device.status === "unavailable") {
    content = (
      <p role="alert" className="error">
        {labels.storageUnavailable}
      </p>
    );
  } else if (device.run && !isRunFinished(device.run) && device.run.courseSlug !== course.slug) {
    content = (
      <div className="notice" role="status">
        <p>{fill(labels.otherRun, { title: device.run.courseTitle })}</p>
        <a className="button" href={`/courses/${encodeURIComponent(device.run.courseSlug)}/run`}>
          {labels.goToOtherRun}
        </a>
      </div>
    );
  } else if (ownRun && !session) {
    content = <p className="meta">{labels.loading}</p>;
  } else if (ownRun && session) {
    const { RunSession } = session;
    content = (
      <RunSession
        key={ownRun.activityId}
        run={ownRun}
        media={media}
        locale={locale}
        labels={labels}
        screenLabels={screenLabels}
        stepNames={stepNames}
        outbox={outbox}
        voice={voice}
        music={music}
        onChange={show}
      />
    );
  } else {
    content = (
      <RunIntro slug={course.slug} locale={locale} labels={labels} starting={starting} error={startError} onStart={start}>
        {intro}
        <LiveShareChoice labels={labels} />
      </RunIntro>
    );
  }

  const running = ownRun !== null && !isRunFinished(ownRun);
  return (
    <>
      <RunBar
        title={course.title}
        closeHref={running ? null : `/courses/${encodeURIComponent(course.slug)}`}
        closeLabel={screenLabels.close}
      >
        <UploadBadge labels={uploadLabels} />
      </RunBar>
      {content}
      {/* The coach's outputs: never shown, always mounted, so the unlocked elements stay the same. */}
      <audio ref={voice} preload="auto" data-testid="coach-voice" />
      <audio ref={music} preload="none" data-testid="coach-music" />
    </>
  );
}
