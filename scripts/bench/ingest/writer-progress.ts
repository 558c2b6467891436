/**
 * How far the Location Service writers have got: their `location_service_points_written_total`, summed over
 * every writer's /metrics, counted from when this was created, against the points the phones had acknowledged.
 */
import { clock } from "./load";
import { scrapeWriters, total, type Scrape } from "./metrics";

const WRITTEN = "location_service_points_written_total";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface WriterProgress {
  /** Every writer's metrics, concatenated. */
  scrape(): Promise<Scrape>;
  /** Points written since this was created (rewrites after a retry count again). */
  written(scrape?: Scrape): Promise<number>;
  /** Polls every 50 ms until `points` are written; the moment they were (or null after the timeout). */
  waitWritten(points: number, timeoutMs: number): Promise<number | null>;
  /** Waits until everything acknowledged so far is written (true), or the timeout (false). */
  drain(timeoutMs: number): Promise<boolean>;
  /** After rewrites (an outage), the written count is taken as equal to the acknowledged one again. */
  rebase(): Promise<void>;
}

/** `acknowledged` is the caller's running count of points the phones had acknowledged. */
export async function writerProgress(metricsUrls: readonly string[], acknowledged: { readonly points: number }): Promise<WriterProgress> {
  const scrape = () => scrapeWriters(metricsUrls);
  const writtenTotal = async (s?: Scrape) => total(s ?? (await scrape()), WRITTEN);
  let base = await writtenTotal();
  const written = async (s?: Scrape) => (await writtenTotal(s)) - base;
  async function waitWritten(points: number, timeoutMs: number): Promise<number | null> {
    const deadline = clock() + timeoutMs;
    while (clock() < deadline) {
      const at = clock();
      if ((await written()) >= points) return at;
      await sleep(50);
    }
    return null;
  }
  return {
    scrape,
    written,
    waitWritten,
    drain: async (timeoutMs) => (await waitWritten(acknowledged.points, timeoutMs)) !== null,
    async rebase() {
      base = (await writtenTotal()) - acknowledged.points;
    },
  };
}
