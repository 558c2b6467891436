/**
 * The files of one drop, imported one after another: bounds first (count, size: refused before reading), then
 * parse (worker), then upload. Each file ends with its own result, so a bad file never stops a good one beside
 * it, and a bad file changes nothing (it is refused before anything reaches the server). Loaded when the runner
 * picks files, with the parser and the uploader.
 */
import { createTRPCClient } from "@trpc/client";
import { MAX_IMPORT_FILE_BYTES } from "@/domain/import/import-limits";
import type { ImportFileProblem } from "@/domain/import/read-activity-file";
import { ImportRefusedError, uploadImport, type ImportApi } from "@/app/_lib/import/upload-import";
import { createTrpcLinks } from "@/app/_lib/trpc-links";
import type { AppRouter } from "@/server/api/root";
import { parseFile } from "./parse-in-worker";

export type FileResult =
  | { kind: "imported"; activityId: string; distanceMeters: number; points: number; skipped: number }
  | { kind: "duplicate"; activityId: string; startedAt: number }
  | { kind: "already-imported"; activityId: string }
  | { kind: "bad-file"; problem: ImportFileProblem; detail: string }
  | { kind: "refused"; message: string }
  | { kind: "failed" };

export type FilePhase =
  | { phase: "queued" }
  | { phase: "reading" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "done"; result: FileResult };

let api: ImportApi | undefined;

function trpcImportApi(): ImportApi {
  const client = createTRPCClient<AppRouter>({ links: createTrpcLinks() });
  return {
    begin: (input) => client.imports.begin.mutate(input),
    appendPoints: (input, signal) => client.activities.appendPoints.mutate(input, { signal }),
    finish: (input) => client.imports.finish.mutate(input),
    abandon: (input) => client.imports.abandon.mutate(input),
  };
}

async function importOne(file: File, update: (phase: FilePhase) => void): Promise<FileResult> {
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    return { kind: "bad-file", problem: "too-big", detail: `${(file.size / 1024 / 1024).toFixed(1)} MB` };
  }
  update({ phase: "reading" });
  const parsed = await parseFile(file, Date.now());
  if (!parsed.ok) return { kind: "bad-file", problem: parsed.problem, detail: parsed.detail };
  api ??= trpcImportApi();
  try {
    const result = await uploadImport(api, parsed, {
      onProgress: (sent, total) => update({ phase: "uploading", sent, total }),
    });
    if (result.kind !== "imported") return result;
    return { ...result, distanceMeters: parsed.summary.distanceMeters, skipped: parsed.skipped };
  } catch (error) {
    if (error instanceof ImportRefusedError) return { kind: "refused", message: error.message };
    return { kind: "failed" };
  }
}

/** Imports the files in order; `update(i, phase)` follows each. */
export async function importFiles(files: readonly File[], update: (index: number, phase: FilePhase) => void): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [index, file] of files.entries()) {
    const result = await importOne(file, (phase) => update(index, phase));
    update(index, { phase: "done", result });
    results.push(result);
  }
  return results;
}
