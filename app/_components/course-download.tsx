"use client";
/**
 * The course page's offline panel: the download size (what a download would fetch now, so a resume or a
 * second language shows only what is missing), then a progress bar while downloading, then "Available
 * offline" with a Remove button. A course downloaded in the other language says which language works
 * offline and offers this one. Errors are shown in words. Offline and not downloaded, it says so instead of
 * offering a download that cannot work.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { formatBytes } from "../_lib/format";
import { bytesToFetch, downloadCourse, getCourseOffline, removeCourse, storedUrlsOf, type DownloadProgress, type OfflineState } from "../_lib/offline";
import { COURSE_DOWNLOAD_LABELS, type CourseDownloadLabels } from "./course-download-labels";
import { useCourseManifest, type ManifestStatus } from "./use-course-manifest";
import { useOnlineStatus } from "./use-online-status";

type Phase = "checking" | "none" | "partial" | "other-language" | "downloading" | "complete" | "unsupported";

function errorText(error: unknown, labels: CourseDownloadLabels): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "DOWNLOAD_ABORTED":
      return null;
    case "INSUFFICIENT_STORAGE": {
      const { neededBytes, availableBytes } = error as { neededBytes: number; availableBytes: number };
      return labels.errors.insufficientStorage(formatBytes(neededBytes), formatBytes(availableBytes));
    }
    case "STORAGE_FULL":
      return labels.errors.storageFull;
    case "DOWNLOAD_FAILED":
      return labels.errors.network;
    case "OFFLINE_UNSUPPORTED":
      return labels.errors.unsupported;
    default:
      return labels.errors.unknown;
  }
}

function percentOf({ loadedBytes, totalBytes }: DownloadProgress): number {
  return totalBytes === 0 ? 100 : Math.floor((loadedBytes / totalBytes) * 100);
}

/** What a download would fetch now: the manifest's files not in the course's cache (unknown until both are read). */
function useBytesToFetch(slug: string, manifest: ManifestStatus, phase: Phase): number | undefined {
  const [bytes, setBytes] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (manifest.state !== "ready" || phase === "downloading" || phase === "checking") return;
    let current = true;
    storedUrlsOf(slug, manifest.manifest).then(
      (stored) => current && setBytes(bytesToFetch(manifest.manifest, stored)),
      () => current && setBytes(manifest.manifest.totalBytes),
    );
    return () => {
      current = false;
    };
  }, [slug, manifest, phase]);
  return bytes;
}

export function CourseDownload({
  slug,
  locale,
  sizeBytes,
  labels: labelsOverride,
}: {
  slug: string;
  locale: Locale;
  /** The whole course's size, shown until the panel knows what is already on the device. */
  sizeBytes?: number;
  labels?: CourseDownloadLabels;
}) {
  const labels = labelsOverride ?? COURSE_DOWNLOAD_LABELS[locale];
  const online = useOnlineStatus();
  const manifest = useCourseManifest(slug, locale);
  const [phase, setPhase] = useState<Phase>("checking");
  const [offlineLocale, setOfflineLocale] = useState<Locale | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const toFetch = useBytesToFetch(slug, manifest, phase);

  const showState = useCallback((state: OfflineState | null) => {
    setOfflineLocale(state?.kind === "other-language" ? state.offlineLocale : null);
    setPhase(state === null ? "unsupported" : state.kind);
  }, []);
  const readState = useCallback(() => getCourseOffline(slug, locale).catch(() => null), [slug, locale]);

  useEffect(() => {
    let current = true;
    void readState().then((state) => current && showState(state));
    return () => {
      current = false;
    };
  }, [readState, showState]);

  useEffect(() => () => abort.current?.abort(), []);

  async function download() {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress(null);
    setPhase("downloading");
    try {
      await downloadCourse(slug, locale, { signal: controller.signal, onProgress: setProgress });
      setOfflineLocale(null);
      setPhase("complete");
    } catch (caught) {
      setProgress(null);
      setError(errorText(caught, labels));
      showState(await readState());
    } finally {
      abort.current = null;
    }
  }

  async function remove() {
    setError(null);
    setProgress(null);
    await removeCourse(slug);
    setOfflineLocale(null);
    setPhase("none");
  }

  const size = toFetch ?? sizeBytes ?? (manifest.state === "ready" ? manifest.manifest.totalBytes : undefined);
  const stored = phase === "complete";
  const otherLanguage = phase === "other-language" && offlineLocale !== null;
  const canDownload = online && (phase === "none" || phase === "partial" || otherLanguage);

  return (
    <section className="offline-panel" aria-labelledby={`offline-${slug}`} data-testid="offline-panel" data-state={phase}>
      <h2 id={`offline-${slug}`}>{labels.heading}</h2>

      {stored && <p className="badge">✓ {labels.available}</p>}
      {otherLanguage && (
        <>
          <p className="badge">✓ {labels.availableIn(labels.languages[offlineLocale])}</p>
          <p className="meta">{labels.otherLanguageNote(labels.languages[offlineLocale], labels.languages[locale])}</p>
        </>
      )}
      {!stored && !otherLanguage && phase !== "downloading" && phase !== "checking" && !online && (
        <p className="badge muted">{labels.notAvailable}</p>
      )}
      {phase === "partial" && online && <p className="meta">{labels.partial}</p>}
      {canDownload && size !== undefined && (
        <p className="meta" data-testid="download-size" data-bytes={size}>
          {size === 0 ? labels.nothingMore : labels.size(formatBytes(size))}
        </p>
      )}

      {progress && (phase === "downloading" || stored) && (
        <div>
          <progress aria-label={labels.progress} max={100} value={percentOf(progress)} />
          <p className="meta" aria-live="polite">
            {labels.progressDetail(percentOf(progress), progress.fileIndex, progress.fileCount)}
          </p>
        </div>
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      <div className="button-row">
        {canDownload && (
          <button type="button" className="button" onClick={download}>
            {otherLanguage ? labels.downloadLanguage(labels.languages[locale]) : phase === "partial" ? labels.resume : labels.download}
          </button>
        )}
        {phase === "downloading" && (
          <button type="button" className="button secondary" onClick={() => abort.current?.abort()}>
            {labels.cancel}
          </button>
        )}
        {(stored || phase === "partial" || otherLanguage) && (
          <button type="button" className="button secondary" onClick={remove}>
            {labels.remove}
          </button>
        )}
      </div>
      {phase === "unsupported" && <p className="meta">{labels.errors.unsupported}</p>}
    </section>
  );
}
