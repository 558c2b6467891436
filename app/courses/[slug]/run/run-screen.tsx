"use client";
/**
 * The run screen's client side: finds the run this device is recording, and shows the start panel, that
 * run (resumed after a reload at the right second), or — when another course's run is unfinished — the
 * way to it, so a second tab never starts a second run. It owns the two `<audio>` elements, so the ones the
 * Start tap unlocked are the ones the coach plays through.
 */
import { useRef, useState, type ReactNode } from "react";
import type { CourseStep } from "@/domain/coaching/schedule";
import type { Locale, StepType } from "@/domain/coaching/step-types";
import { beginRun, isRunFinished, updateRunSettings } from "@/app/_lib/run";
import { useOutboxStatus } from "@/app/_components/use-outbox-status";
import type { Dictionary } from "@/app/_i18n/en";
import { fill } from "./_lib/fill";
import { primeAudio } from "./_lib/prime-audio";
import type { RunMedia } from "./_lib/use-coach-player";
import { useDeviceRun } from "./_lib/use-device-run";
import { startErrorMessage } from "./_lib/storage-room";
import { RunIntro } from "./run-intro";
import { RunSession } from "./run-session";
import { CheerBanner } from "./cheer-banner";
import { LiveShareChoice } from "./live-share-choice";

export type RunLabels = Dictionary["run"];
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
  stepNames: StepNames;
  /** The course summary, rendered on the server, shown before the start. */
  intro: ReactNode;
}) {
  const { course, locale, media, labels, stepNames, intro } = props;
  const startingHere = useRef(false);
  const { device, show } = useDeviceRun(startingHere);
  // Uploading itself runs app-wide (app/_components/pwa/upload-sync.tsx); the screen shows its counts.
  const outbox = useOutboxStatus();
  const voice = useRef<HTMLAudioElement>(null);
  const music = useRef<HTMLAudioElement>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  async function start(musicOn: boolean) {
    // Inside the tap: unlocks both elements for the cues and music that follow (iOS needs this).
    primeAudio(voice.current, Object.values(media.cues)[0]);
    if (musicOn) primeAudio(music.current, media.music[0]);
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
  } else if (device.run && device.run.courseSlug === course.slug) {
    content = (
      <>
      <CheerBanner activityId={device.run.activityId} labels={labels} locale={locale} />
      <RunSession
        key={device.run.activityId}
        run={device.run}
        media={media}
        labels={labels}
        stepNames={stepNames}
        outbox={outbox}
        voice={voice}
        music={music}
        onChange={show}
      />
      </>
    );
  } else {
    content = (
      <RunIntro slug={course.slug} labels={labels} starting={starting} error={startError} onStart={start}>
        {intro}
        <LiveShareChoice labels={labels} />
      </RunIntro>
    );
  }

  return (
    <>
      {content}
      {/* The coach's outputs: never shown, always mounted, so the unlocked elements stay the same. */}
      <audio ref={voice} preload="auto" data-testid="coach-voice" />
      <audio ref={music} preload="none" data-testid="coach-music" />
    </>
  );
}
