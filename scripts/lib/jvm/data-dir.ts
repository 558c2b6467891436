/**
 * The small files a launcher keeps in its data dir so that any process can find its servers again: one numbered
 * dir per server (node1, broker2…) and JSON state files next to the pid files.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** The parsed file, or null if it is missing or not JSON. */
export function readJsonFile<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Pretty-printed, written to a temporary file first: a crash mid-write must not leave half a state file. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await fsp.writeFile(tmp, JSON.stringify(value, null, 2) + '\n');
  await fsp.rename(tmp, file);
}

/** The numbers N of the `<prefix>N` dirs under dataDir, ascending ([] if dataDir does not exist). */
export async function numberedDirs(dataDir: string, prefix: string): Promise<number[]> {
  let entries: string[] = [];
  try {
    entries = await fsp.readdir(dataDir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  return entries
    .map((e) => pattern.exec(e)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
