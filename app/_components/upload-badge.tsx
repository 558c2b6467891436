"use client";
/**
 * The header's "2 runs waiting to upload": shown only while something recorded on this device is not on the
 * server yet, and a link to History, which lists those runs. Hidden before hydration (the server cannot know
 * what the device holds).
 */
import Link from "next/link";
import type { Dictionary } from "@/app/_i18n/en";
import { useOutboxStatus } from "./use-outbox-status";

export type UploadBadgeLabels = Pick<Dictionary["uploads"], "waitingOne" | "waitingMany">;

/** The badge's words for `runs` runs waiting, or null (no badge). Not "uploading…": a dead network would flicker. */
export function uploadBadgeText(runs: number, labels: UploadBadgeLabels): string | null {
  if (runs === 0) return null;
  return runs === 1 ? labels.waitingOne : labels.waitingMany.replace("{n}", String(runs));
}

export function UploadBadge({ labels }: { labels: UploadBadgeLabels }) {
  const { runs } = useOutboxStatus();
  const text = uploadBadgeText(runs, labels);
  return (
    <span role="status" className="upload-badge-slot">
      {text && (
        // On a narrow phone the pill shows only "↑ 2" (globals.css), so the header stays one row; its name is the whole sentence.
        <Link href="/history" className="upload-badge" data-testid="upload-badge" aria-label={text}>
          <span aria-hidden="true">↑</span>
          <span className="upload-badge-count" aria-hidden="true">
            {runs}
          </span>
          <span className="upload-badge-text" aria-hidden="true">
            {text}
          </span>
        </Link>
      )}
    </span>
  );
}
