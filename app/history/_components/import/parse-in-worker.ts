/**
 * Parses files in one Web Worker, started on first use and kept for later drops (files go one after another).
 * If the browser cannot start it or its script fails, the same code runs on the page, loaded then, so an import
 * still works (the buffer is copied to the worker, not moved, for that reason).
 */
import type { ParsedFile } from "./parse-core";
import type { ParseRequest } from "./parse-worker";

interface Waiting {
  resolve: (result: ParsedFile | Promise<ParsedFile>) => void;
  name: string;
  bytes: Uint8Array;
  now: number;
}

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, Waiting>();

async function parseOnPage(name: string, bytes: Uint8Array, now: number): Promise<ParsedFile> {
  const { parseImportFile } = await import("./parse-core");
  return parseImportFile(name, bytes, now);
}

function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL("./parse-worker.ts", import.meta.url), { type: "module" });
    started.onmessage = (event: MessageEvent<{ id: number; result: ParsedFile }>) => {
      waiting.get(event.data.id)?.resolve(event.data.result);
      waiting.delete(event.data.id);
    };
    started.onerror = () => {
      started.terminate();
      worker = null;
      for (const [id, entry] of waiting) {
        entry.resolve(parseOnPage(entry.name, entry.bytes, entry.now));
        waiting.delete(id);
      }
    };
    return started;
  } catch {
    return null;
  }
}

export async function parseFile(file: File, now: number): Promise<ParsedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (worker === undefined) worker = startWorker();
  if (!worker) return parseOnPage(file.name, bytes, now);
  const id = nextId++;
  const answer = new Promise<ParsedFile>((resolve) => waiting.set(id, { resolve, name: file.name, bytes, now }));
  const request: ParseRequest = { id, name: file.name, buffer: bytes.buffer, now };
  worker.postMessage(request);
  return answer;
}
