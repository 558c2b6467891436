/** The history page's filters as they travel in its URL: parsed leniently (a mangled link still shows runs). */
const CURSOR = /^\d{1,15}\.[0-9a-f-]{36}$/i;
const PROGRAM = /^[a-z0-9-]{1,100}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface HistoryFilters {
  cursor?: string | undefined;
  program?: string | undefined;
  /** `YYYY-MM`, a calendar month in the runner's time zone. */
  month?: string | undefined;
}

export function filtersFromUrl(params: Record<string, string | string[] | undefined>): HistoryFilters {
  const single = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const keep = (key: string, pattern: RegExp) => {
    const value = single(key);
    return value && pattern.test(value) ? value : undefined;
  };
  return { cursor: keep("cursor", CURSOR), program: keep("program", PROGRAM), month: keep("month", MONTH) };
}

export function hrefWith(basePath: string, filters: HistoryFilters): string {
  const query = new URLSearchParams();
  if (filters.month) query.set("month", filters.month);
  if (filters.program) query.set("program", filters.program);
  if (filters.cursor) query.set("cursor", filters.cursor);
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}
