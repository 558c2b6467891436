/**
 * The Location Service's own small HTTP port: `/metrics` (Prometheus) and `/health` for a supervisor. The
 * page is the service's registry, which `npm run worker` makes the process registry (server/metrics/
 * registry.ts: the Cassandra driver's and the PostgreSQL pool's metrics too); given a service registry of its
 * own, the process registry's families it lacks follow it, each family once (Node's default metrics, which
 * both would have, appear once).
 */
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";
import { processRegistry } from "../metrics/registry";

export async function locationServiceMetricsText(registry: Registry, shared: Registry | null = processRegistry()): Promise<string> {
  const own = await registry.metrics();
  if (!shared || shared === registry) return own;
  const extra = await Promise.all(
    shared
      .getMetricsAsArray()
      .filter((metric) => registry.getSingleMetric(metric.name) === undefined)
      .map((metric) => shared.getSingleMetricAsString(metric.name)),
  );
  return [own.trimEnd(), ...extra.map((family) => family.trimEnd())].join("\n\n") + "\n";
}

export function serveLocationServiceHttp(registry: Registry, port: number, host = "127.0.0.1"): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === "/metrics") {
      locationServiceMetricsText(registry).then(
        (text) => {
          response.setHeader("content-type", registry.contentType);
          response.end(text);
        },
        (error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        },
      );
      return;
    }
    if (request.url === "/health") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ status: "ok" }));
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
