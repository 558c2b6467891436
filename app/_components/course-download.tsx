"use client";
/**
 * The course page's offline panel: the download size, then a progress bar while downloading, then
 * "Available offline" with a Remove button. Errors are shown in words. Offline and not downloaded, it says
 * so instead of offering a download that cannot work.
 */
import { useEffect, useRef, useState } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { formatBytes } from "../_lib/format";
import { downloadCourse, getDownloadState, removeCourse, type DownloadProgress } from "../_lib/offline";
import { useCourseManifest } from "./use-course-manifest";
import { useOnlineStatus } from "./use-online-status";

export interface CourseDownloadLabels {
  heading: string;
  /** Shown before a download, e.g. "3.2 MB to download". */
  size: (size: string) => string;
  download: string;
  resume: string;
  cancel: string;
  remove: string;
  /** Accessible name of the progress bar. */
  progress: string;
  progressDetail: (percent: number, fileIndex: number, fileCount: number) => string;
  available: string;
  partial: string;
  notAvailable: string;
  errors: {
    insufficientStorage: (needed: string, free: string) => string;
    storageFull: string;
    network: string;
    unsupported: string;
    unknown: string;
  };
}

export const COURSE_DOWNLOAD_LABELS_EN: CourseDownloadLabels = {
  heading: "Offline",
  size: (size) => `${size} to download`,
  download: "Download for offline use",
  resume: "Resume download",
  cancel: "Cancel download",
  remove: "Remove download",
  progress: "Download progress",
  progressDetail: (percent, fileIndex, fileCount) => `${percent} % · file ${fileIndex} of ${fileCount}`,
  available: "Available offline",
  partial: "Download incomplete",
  notAvailable: "Not available offline",
  errors: {
    insufficientStorage: (needed, free) => `Not enough space on this device: needs ${needed}, only ${free} free.`,
    storageFull: "This device ran out of space while saving the course. Nothing was kept; free some space and try again.",
    network: "The connection dropped during the download. Try again when you are online; finished files are kept.",
    unsupported: "This browser cannot keep courses for offline use.",
    unknown: "The download failed. Try again.",
  },
};

const COURSE_DOWNLOAD_LABELS_KO: CourseDownloadLabels = {
  heading: "오프라인",
  size: (size) => `다운로드 ${size}`,
  download: "오프라인용으로 다운로드",
  resume: "다운로드 이어 받기",
  cancel: "다운로드 취소",
  remove: "다운로드 삭제",
  progress: "다운로드 진행률",
  progressDetail: (percent, fileIndex, fileCount) => `${percent}% · 파일 ${fileCount}개 중 ${fileIndex}번째`,
  available: "오프라인에서 사용 가능",
  partial: "다운로드 미완료",
  notAvailable: "오프라인에서 사용할 수 없음",
  errors: {
    insufficientStorage: (needed, free) => `기기 저장 공간이 부족합니다: ${needed} 필요, ${free} 남음.`,
    storageFull: "저장하는 중에 기기 공간이 가득 찼습니다. 아무것도 저장하지 않았으니 공간을 비우고 다시 시도하세요.",
    network: "다운로드 중 연결이 끊겼습니다. 온라인일 때 다시 시도하세요. 받은 파일은 남아 있습니다.",
    unsupported: "이 브라우저는 오프라인용 코스를 저장할 수 없습니다.",
    unknown: "다운로드하지 못했습니다. 다시 시도하세요.",
  },
};

/** Labels by UI language; the functions in them are why the component picks them, not the server. */
export const COURSE_DOWNLOAD_LABELS: Record<Locale, CourseDownloadLabels> = {
  en: COURSE_DOWNLOAD_LABELS_EN,
  ko: COURSE_DOWNLOAD_LABELS_KO,
};

type Phase = "checking" | "none" | "partial" | "downloading" | "complete" | "unsupported";

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

export function CourseDownload({
  slug,
  locale,
  sizeBytes,
  labels: labelsOverride,
}: {
  slug: string;
  locale: Locale;
  /** The download size when the page knows it; otherwise the manifest's total is shown. */
  sizeBytes?: number;
  labels?: CourseDownloadLabels;
}) {
  const labels = labelsOverride ?? COURSE_DOWNLOAD_LABELS[locale];
  const online = useOnlineStatus();
  const manifest = useCourseManifest(slug, locale);
  const [phase, setPhase] = useState<Phase>("checking");
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    let current = true;
    getDownloadState(slug).then(
      (state) => current && setPhase(state),
      () => current && setPhase("unsupported"),
    );
    return () => {
      current = false;
    };
  }, [slug]);

  useEffect(() => () => abort.current?.abort(), []);

  async function download() {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress(null);
    setPhase("downloading");
    try {
      await downloadCourse(slug, locale, { signal: controller.signal, onProgress: setProgress });
      setPhase("complete");
    } catch (caught) {
      setProgress(null);
      setError(errorText(caught, labels));
      setPhase(await getDownloadState(slug).catch(() => "none" as const));
    } finally {
      abort.current = null;
    }
  }

  async function remove() {
    setError(null);
    setProgress(null);
    await removeCourse(slug);
    setPhase("none");
  }

  const size = sizeBytes ?? (manifest.state === "ready" ? manifest.manifest.totalBytes : undefined);
  const stored = phase === "complete";
  const canDownload = online && (phase === "none" || phase === "partial");

  return (
    <section className="offline-panel" aria-labelledby={`offline-${slug}`}>
      <h2 id={`offline-${slug}`}>{labels.heading}</h2>

      {stored && <p className="badge">✓ {labels.available}</p>}
      {!stored && phase !== "downloading" && phase !== "checking" && !online && (
        <p className="badge muted">{labels.notAvailable}</p>
      )}
      {phase === "partial" && online && <p className="meta">{labels.partial}</p>}
      {canDownload && size !== undefined && <p className="meta">{labels.size(formatBytes(size))}</p>}

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
            {phase === "partial" ? labels.resume : labels.download}
          </button>
        )}
        {phase === "downloading" && (
          <button type="button" className="button secondary" onClick={() => abort.current?.abort()}>
            {labels.cancel}
          </button>
        )}
        {(stored || phase === "partial") && (
          <button type="button" className="button secondary" onClick={remove}>
            {labels.remove}
          </button>
        )}
      </div>
      {phase === "unsupported" && <p className="meta">{labels.errors.unsupported}</p>}
    </section>
  );
}
