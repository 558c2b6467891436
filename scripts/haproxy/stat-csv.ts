/**
 * Pure reading of the runtime API's `show stat` answer (CSV, first line `# pxname,svname,…`): one row per
 * frontend, backend and server, each a map from column name to text. No I/O here (unit-tested).
 */

export type StatRow = Readonly<Record<string, string>>;

/**
 * A server's `status` column: UP, DOWN, MAINT, DRAIN, NOLB, "no check", or a transition such as "UP 1/2" (up,
 * one failed check of the two that take it down) or "DOWN 1/2" (down, one good check of the two that bring it up).
 */
export type ServerStatus = 'UP' | 'DOWN' | 'MAINT' | 'DRAIN' | 'NOLB' | 'no check' | (string & {});

/** One CSV line; a field in double quotes may hold commas and doubled quotes (HAProxy quotes such fields). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function parseShowStat(csv: string): StatRow[] {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (!header?.startsWith('# ')) throw new Error(`not a "show stat" answer: ${csv.slice(0, 200)}`);
  const columns = splitCsvLine(header.slice(2));
  return lines.map((line) => {
    const values = splitCsvLine(line);
    return Object.fromEntries(columns.filter(Boolean).map((name, i) => [name, values[i] ?? '']));
  });
}

/** Rows of real servers (not the FRONTEND / BACKEND summary rows), keyed `backend/server`. */
export function serverRows(rows: readonly StatRow[]): Record<string, StatRow> {
  const out: Record<string, StatRow> = {};
  for (const row of rows) {
    const server = row.svname ?? '';
    if (server === 'FRONTEND' || server === 'BACKEND' || !row.pxname) continue;
    out[`${row.pxname}/${server}`] = row;
  }
  return out;
}

/** `backend/server` → its status, e.g. `{ 'app/app1': 'UP', 'upload/upload2': 'DOWN' }`. */
export function serverStatuses(rows: readonly StatRow[]): Record<string, ServerStatus> {
  return Object.fromEntries(Object.entries(serverRows(rows)).map(([key, row]) => [key, row.status ?? '']));
}
