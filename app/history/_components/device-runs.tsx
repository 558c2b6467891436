"use client";
/**
 * History's "On this device": the runs recorded here that the server does not have in full yet, read from
 * IndexedDB (no network), each marked as waiting to upload (or recording, or refused). It follows the
 * outbox and the runs in every tab; when a run leaves the list because it went up, the page re-reads the
 * server's history, where it now appears, so a run never seems to vanish on the way.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Dictionary } from "@/app/_i18n/en";
import { subscribeOutbox } from "@/app/_lib/outbox";
import { listDeviceRuns, subscribeRun, type DeviceRun } from "@/app/_lib/run";

export type DeviceRunsLabels = Pick<
  Dictionary["uploads"],
  "deviceTitle" | "deviceIntro" | "waiting" | "recording" | "refused" | "openRun"
>;

function useDeviceRuns(): DeviceRun[] {
  const [runs, setRuns] = useState<DeviceRun[]>([]);
  useEffect(() => {
    let current = true;
    let reading = Promise.resolve();
    const read = () => {
      // One read at a time, in order, so an older answer never overwrites a newer one.
      reading = reading.then(async () => {
        const next = await listDeviceRuns().catch(() => []);
        if (current) setRuns(next);
      });
    };
    const stopOutbox = subscribeOutbox(read);
    const stopRuns = subscribeRun(read);
    read();
    return () => {
      current = false;
      stopOutbox();
      stopRuns();
    };
  }, []);
  return runs;
}

export function DeviceRuns({ labels, locale, timeZone }: { labels: DeviceRunsLabels; locale: string; timeZone: string }) {
  const runs = useDeviceRuns();
  const router = useRouter();
  const shown = useRef(new Set<string>());
  useEffect(() => {
    const now = new Set(runs.map((run) => run.activityId));
    const uploaded = [...shown.current].some((id) => !now.has(id));
    shown.current = now;
    if (uploaded) router.refresh();
  }, [runs, router]);

  if (runs.length === 0) return null;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <section className="device-runs" aria-labelledby="device-runs">
      <h2 id="device-runs">{labels.deviceTitle}</h2>
      <p className="meta">{labels.deviceIntro}</p>
      <ul className="card-list">
        {runs.map((run) => {
          const recording = run.finishedAt === null;
          const state = recording ? labels.recording : run.upload === "refused" ? labels.refused : labels.waiting;
          return (
            <li key={run.activityId} className="card history-card" data-testid="device-run">
              <span className="card-title">{run.courseTitle}</span>
              <span className="meta history-when">
                {dateFormat.format(run.startedAt)} · <span className="history-status-waiting">{state}</span>
              </span>
              {recording && <Link href={`/courses/${encodeURIComponent(run.courseSlug)}/run`}>{labels.openRun}</Link>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
