/** Sizes as a runner reads them: "850 KB", "3.2 MB", "1.4 GB" (decimal units, like phones' storage settings). */
const KB = 1000;
const MB = KB * 1000;
const GB = MB * 1000;

export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${Math.max(0, Math.round(bytes))} B`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  if (bytes < GB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / GB).toFixed(1)} GB`;
}
