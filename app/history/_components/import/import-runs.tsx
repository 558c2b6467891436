"use client";
/**
 * History's "Import runs": choose or drop GPX, TCX and FIT files; each shows its own progress and result. The
 * parser, the Garmin SDK and the uploader load only once files are picked (import-queue.ts), so the history
 * page carries none of them. The page re-reads the history when a drop is done, where the imported runs appear.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type DragEvent } from "react";
import type { Dictionary } from "@/app/_i18n/en";
import { useOnlineStatus } from "@/app/_components/use-online-status";
import { formatDistance } from "@/app/_lib/format";
import { fill } from "@/app/courses/[slug]/run/_lib/fill";
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES } from "@/domain/import/import-limits";
import type { FilePhase, FileResult } from "./import-queue";

export type ImportLabels = Dictionary["imports"];

interface Row {
  key: string;
  name: string;
  state: FilePhase;
}

const MB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;
const ACCEPT = ".gpx,.tcx,.fit,application/gpx+xml,application/vnd.garmin.tcx+xml,application/octet-stream";

function resultText(labels: ImportLabels, result: FileResult, dateFormat: Intl.DateTimeFormat): string {
  switch (result.kind) {
    case "imported": {
      const text = fill(labels.imported, { distance: formatDistance(result.distanceMeters), points: result.points });
      return result.skipped > 0 ? `${text}. ${fill(labels.skipped, { n: result.skipped })}` : text;
    }
    case "duplicate":
      return fill(labels.duplicate, { when: dateFormat.format(result.startedAt) });
    case "already-imported":
      return labels.alreadyImported;
    case "bad-file":
      return fill(labels.problems[result.problem], { mb: MB });
    case "refused":
      return fill(labels.refused, { message: result.message });
    case "failed":
      return labels.failed;
  }
}

function FileRow({ row, labels, dateFormat }: { row: Row; labels: ImportLabels; dateFormat: Intl.DateTimeFormat }) {
  const { state } = row;
  const result = state.phase === "done" ? state.result : null;
  const bad = result && (result.kind === "bad-file" || result.kind === "refused" || result.kind === "failed");
  const runId = result && "activityId" in result ? result.activityId : null;
  return (
    <li className={`card import-file${bad ? " import-file-bad" : ""}`} data-testid="import-file" data-result={result?.kind ?? state.phase}>
      <span className="import-file-name">{row.name}</span>
      {state.phase === "queued" && <span className="meta">{labels.queued}</span>}
      {state.phase === "reading" && <span className="meta">{labels.reading}</span>}
      {state.phase === "uploading" && (
        <>
          <progress value={state.sent} max={state.total} aria-label={fill(labels.progressLabel, { name: row.name })} />
          <span className="meta">
            {state.sent < state.total ? fill(labels.uploading, { sent: state.sent, total: state.total }) : labels.finishing}
          </span>
        </>
      )}
      {result && (
        <span className={bad ? "error" : undefined} role={bad ? "alert" : undefined}>
          {resultText(labels, result, dateFormat)}
          {result.kind === "bad-file" && result.problem !== "unknown-format" && result.problem !== "empty" && (
            <span className="meta import-detail"> ({result.detail})</span>
          )}
        </span>
      )}
      {result && runId && result.kind !== "duplicate" && <Link href={`/runs/${runId}`}>{labels.openRun}</Link>}
    </li>
  );
}

export interface ImportRunsProps {
  labels: ImportLabels;
  locale: string;
  timeZone: string;
  /** Folded to its heading, for a runner whose history already has runs: the runs come first there. */
  folded: boolean;
}

export function ImportRuns({ labels, locale, timeZone, folded }: ImportRunsProps) {
  const router = useRouter();
  const [open, setOpen] = useState(!folded);
  const online = useOnlineStatus();
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });

  async function start(files: File[]) {
    if (files.length === 0 || busy) return;
    if (files.length > MAX_IMPORT_FILES) {
      setNotice(fill(labels.tooMany, { max: MAX_IMPORT_FILES, n: files.length }));
      return;
    }
    setNotice(null);
    setOpen(true);
    setBusy(true);
    const stamp = Date.now();
    setRows(files.map((file, i) => ({ key: `${stamp}-${i}`, name: file.name, state: { phase: "queued" } })));
    try {
      const { importFiles } = await import("./import-queue");
      const results = await importFiles(files, (index, state) =>
        setRows((current) => current.map((row, i) => (i === index ? { ...row, state } : row))),
      );
      const ok = results.filter((r) => r.kind === "imported").length;
      const skipped = results.filter((r) => r.kind === "duplicate" || r.kind === "already-imported").length;
      setNotice(fill(labels.done, { ok, skipped, failed: results.length - ok - skipped }));
      if (ok > 0) router.refresh();
    } finally {
      setBusy(false);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void start(Array.from(event.dataTransfer.files));
  }

  return (
    <details className="import-runs" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="import-runs">
      <summary>
        <h2 id="import-runs-title">{labels.title}</h2>
      </summary>
      <p className="meta">{fill(labels.intro, { files: MAX_IMPORT_FILES, mb: MB })}</p>
      <div
        className={`import-drop${dragging ? " import-drop-active" : ""}`}
        data-testid="import-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className={`button secondary${busy || !online ? " import-disabled" : ""}`}>
          {labels.choose}
          <input
            className="visually-hidden"
            type="file"
            multiple
            accept={ACCEPT}
            disabled={busy || !online}
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = "";
              void start(files);
            }}
          />
        </label>
        <span className="meta">{online ? labels.drop : labels.offlineNote}</span>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {rows.length > 0 && (
        <ul className="card-list import-files" aria-label={labels.results}>
          {rows.map((row) => (
            <FileRow key={row.key} row={row} labels={labels} dateFormat={dateFormat} />
          ))}
        </ul>
      )}
    </details>
  );
}
