/**
 * One file from bytes to what the upload needs: the SHA-256 of its bytes (with the runner, it names the imported
 * run), the track and its summary, or the reason it is refused. Runs inside the parse worker (parse-worker.ts),
 * and on the page only if a worker cannot start.
 */
import { summariseImport, type ImportSummary } from "@/domain/import/import-summary";
import { ImportFileError, readActivityFile, type ImportedTrack, type ImportFileProblem } from "@/domain/import/read-activity-file";

export type ParsedFile =
  | { ok: true; contentHash: string; summary: ImportSummary; points: ImportedTrack["points"]; skipped: number }
  | { ok: false; problem: ImportFileProblem; detail: string };

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function parseImportFile(name: string, bytes: Uint8Array, now: number): Promise<ParsedFile> {
  try {
    const track = readActivityFile({ name, bytes }, now);
    const { noPosition, noTime, outOfRange } = track.skipped;
    return {
      ok: true,
      contentHash: await sha256Hex(bytes),
      summary: summariseImport(track),
      points: track.points,
      skipped: noPosition + noTime + outOfRange,
    };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, problem: error.problem, detail: error.detail };
    return { ok: false, problem: "unreadable", detail: error instanceof Error ? error.message : String(error) };
  }
}
