/** Number formatting and plain aligned tables for the benchmark's output (easy to turn into Markdown). */

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—";

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
