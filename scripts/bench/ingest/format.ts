/** Number formatting and plain aligned tables for the benchmark's output (easy to turn into Markdown). */

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—";

export const seconds = (ms: number, digits = 1) => `${fmt(ms / 1000, digits)} s`;

/** Prints rows under a header, each column as wide as its widest cell, two spaces apart. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** Rows printed as soon as each is measured, under a header printed once; a column is as wide as its title or `minWidth`. */
export function liveTable(header: string[], minWidth = 8) {
  const widths = header.map((title) => Math.max(title.length, minWidth));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  let printed = false;
  return (cells: string[]) => {
    if (!printed) console.log(line(header));
    printed = true;
    console.log(line(cells));
  };
}
