/** The Location Service's own small HTTP port: `/metrics` (Prometheus) and `/health` for a supervisor. */
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export function serveLocationServiceHttp(registry: Registry, port: number, host = "127.0.0.1"): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === "/metrics") {
      registry.metrics().then(
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
