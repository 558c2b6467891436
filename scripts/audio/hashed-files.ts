/**
 * Content-addressed output: each file is named `<key>.<hash8>.mp3` after its own bytes, so a changed
 * recording gets a new URL (safe to cache forever) and an unchanged one keeps its name (no git churn).
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const HASH_LENGTH = 8;
const MEDIA_EXTENSION = ".mp3";

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, HASH_LENGTH);
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(bytes).equals(await readFile(file));
  } catch {
    return false;
  }
}

/** Writes `bytes` as `<folder>/<key>.<hash8>.mp3` (unless already there) and returns that name relative to `root`. */
export async function writeHashed(root: string, folder: string, key: string, bytes: Uint8Array): Promise<string> {
  const relative = `${folder}/${key}.${contentHash(bytes)}${MEDIA_EXTENSION}`;
  const target = path.join(root, relative);
  if (!(await sameBytes(target, bytes))) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${process.pid}`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }
  return relative;
}

/** Deletes every media file in `folder` that the new index does not list: older hashes and dropped keys. */
export async function removeUnlisted(root: string, folder: string, listed: ReadonlySet<string>): Promise<string[]> {
  const directory = path.join(root, folder);
  const names = await readdir(directory).catch(() => [] as string[]);
  const stale = names.filter((name) => name.includes(MEDIA_EXTENSION) && !listed.has(`${folder}/${name}`));
  await Promise.all(stale.map((name) => rm(path.join(directory, name))));
  return stale.map((name) => `${folder}/${name}`);
}
