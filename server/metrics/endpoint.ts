/**
 * `/api/metrics`, as the app servers (app/api/metrics/route.ts) and the upload API (on its own port) answer
 * it: the process registry in Prometheus' text format. Not for the public: the load balancer refuses the path
 * (scripts/haproxy/config.ts), and with METRICS_TOKEN set only `Authorization: Bearer <token>` is let in.
 */
import { timingSafeEqual } from "node:crypto";
import type { Registry } from "prom-client";
import { env } from "../env";
import { processRegistry } from "./registry";

export const METRICS_PATH = "/api/metrics";

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** True when no token is configured, or the header carries exactly `Bearer <token>`. */
export function metricsAuthorized(authorization: string | null | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(authorization ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const text = (status: number, body: string, extra: Record<string, string> = {}): MetricsAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra },
  body,
});

/**
 * The answer to a scrape. `prepare` runs first, with the registry (the app servers register their scrape-time
 * consumer-group lag there).
 */
export async function answerMetrics(authorization: string | null | undefined, prepare?: (registry: Registry) => void): Promise<MetricsAnswer> {
  const registry = processRegistry();
  if (!registry) return text(404, "metrics are off (METRICS=off)\n");
  if (!metricsAuthorized(authorization, env().METRICS_TOKEN)) {
    return text(401, "a bearer token is needed\n", { "www-authenticate": 'Bearer realm="metrics"' });
  }
  prepare?.(registry);
  try {
    return { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" }, body: await registry.metrics() };
  } catch (error) {
    return text(500, `metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
