/**
 * The Location Service's Prometheus metrics as the benchmark reads them: scraped from every writer's
 * /metrics and summed over writers (counters, gauges, histogram buckets), and quantiles of what a
 * histogram gained between two scrapes (the buckets of a level or a scenario, not of the whole run).
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export type Scrape = Sample[];

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): Scrape {
  const samples: Scrape = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Every writer's metrics, concatenated (sums below add them up). */
export async function scrapeWriters(urls: readonly string[]): Promise<Scrape> {
  const texts = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.text();
    }),
  );
  return texts.flatMap(parsePrometheus);
}

/** The sum of a counter or gauge over every series (and writer) whose labels include `labels`. */
export function total(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const sample of scrape) {
    if (sample.name !== name) continue;
    if (Object.entries(labels).every(([key, value]) => sample.labels[key] === value)) sum += sample.value;
  }
  return sum;
}

export interface Histogram {
  /** Upper bounds, ascending, +Inf last. */
  bounds: number[];
  /** Cumulative counts per bound, summed over writers. */
  cumulative: number[];
  count: number;
  sum: number;
}

export function histogram(scrape: Scrape, name: string): Histogram {
  const byBound = new Map<number, number>();
  for (const sample of scrape) {
    if (sample.name !== `${name}_bucket`) continue;
    const bound = sample.labels.le === "+Inf" ? Infinity : Number(sample.labels.le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value);
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  return {
    bounds,
    cumulative: bounds.map((bound) => byBound.get(bound)!),
    count: total(scrape, `${name}_count`),
    sum: total(scrape, `${name}_sum`),
  };
}

/** What the histogram gained from `before` to `after`. */
export function histogramDelta(before: Histogram, after: Histogram): Histogram {
  return {
    bounds: after.bounds,
    cumulative: after.cumulative.map((count, i) => count - (before.cumulative[i] ?? 0)),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/**
 * The q-quantile as Prometheus' histogram_quantile computes it: linear within the bucket it falls in
 * (the lower edge of the first bucket is 0); in the +Inf bucket, the largest finite bound. NaN if empty.
 */
export function quantile(h: Histogram, q: number): number {
  const count = h.cumulative.at(-1) ?? 0;
  if (count <= 0) return NaN;
  const rank = q * count;
  const index = h.cumulative.findIndex((cumulative) => cumulative >= rank);
  const upper = h.bounds[index]!;
  if (upper === Infinity) return h.bounds.at(-2) ?? NaN;
  const lower = index === 0 ? 0 : h.bounds[index - 1]!;
  const below = index === 0 ? 0 : h.cumulative[index - 1]!;
  const inBucket = h.cumulative[index]! - below;
  return inBucket > 0 ? lower + ((upper - lower) * (rank - below)) / inBucket : upper;
}

/** The smallest bucket bound that holds every observation: "every batch within this" (Infinity past the last). */
export function maxBound(h: Histogram): number {
  const count = h.cumulative.at(-1) ?? 0;
  if (count <= 0) return NaN;
  return h.bounds[h.cumulative.findIndex((cumulative) => cumulative >= count)]!;
}
