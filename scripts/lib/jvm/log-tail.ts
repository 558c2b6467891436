/**
 * Reading a JVM's log files while it starts: follow them from an offset for fatal lines (so a failed start fails
 * fast instead of at the timeout), and quote their last lines in the error.
 */
import fsp from 'node:fs/promises';

export async function fileSize(p: string): Promise<number> {
  try {
    return (await fsp.stat(p)).size;
  } catch {
    return 0;
  }
}

/** The file's text from byte `offset` to its current end ('' if missing). */
export async function readFrom(p: string, offset: number): Promise<string> {
  try {
    const fh = await fsp.open(p, 'r');
    try {
      const { size } = await fh.stat();
      if (size <= offset) return '';
      const buf = Buffer.alloc(size - offset);
      await fh.read(buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
}

/** Last n lines written since offset, without Java stack frames. */
export async function tailLines(p: string, offset: number, n: number): Promise<string[]> {
  const text = await readFrom(p, offset);
  return text
    .split('\n')
    .filter((l) => l.length > 0 && !/^\s+at /.test(l) && !/^\s*\.\.\. \d+ more/.test(l))
    .slice(-n);
}

/**
 * The first line written since offset that `isError` accepts or a fatal pattern matches, with the line after it
 * (usually the exception message) unless that is a stack frame.
 */
export async function firstError(
  p: string,
  offset: number,
  isError: (line: string) => boolean,
  fatal: readonly RegExp[],
): Promise<string | null> {
  const lines = (await readFrom(p, offset)).split('\n');
  const i = lines.findIndex((l) => isError(l) || fatal.some((re) => re.test(l)));
  if (i < 0) return null;
  const next = lines[i + 1] ?? '';
  return [lines[i], /^\s+at /.test(next) ? '' : next].filter(Boolean).join('\n');
}

export interface FollowedLog {
  path: string;
  /** Byte offset where this start's output begins. */
  offset: number;
}

/**
 * Returns a function that reads what the files gained since its last call and resolves with the first fatal
 * pattern found in it (or null). Only whole lines are scanned; a partial last line waits for the next call.
 */
export function fatalScanner(files: readonly FollowedLog[], fatal: readonly RegExp[]): () => Promise<RegExp | null> {
  const scanned = files.map((f) => f.offset);
  return async () => {
    for (const [i, f] of files.entries()) {
      const text = await readFrom(f.path, scanned[i] ?? 0);
      const chunk = text.slice(0, text.lastIndexOf('\n') + 1);
      scanned[i] = (scanned[i] ?? 0) + Buffer.byteLength(chunk);
      const hit = fatal.find((re) => re.test(chunk));
      if (hit) return hit;
    }
    return null;
  };
}

export interface TailSpec extends FollowedLog {
  /** Heading shown above the lines, e.g. "logs/console.log (WARN+ and JVM output)". */
  label: string;
  lines: number;
}

/** An Error whose message is `headline`, the cause (if any), then the last lines of each log. */
export async function startFailure(headline: string, cause: string | null, tails: readonly TailSpec[]): Promise<Error> {
  const parts = [headline];
  if (cause) parts.push(`cause: ${cause}`);
  for (const t of tails) {
    const lines = await tailLines(t.path, t.offset, t.lines);
    if (lines.length) parts.push(`--- last lines of ${t.label}:`, ...lines);
  }
  return new Error(parts.join('\n'));
}
