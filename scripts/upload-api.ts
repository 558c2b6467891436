/**
 * `npm run upload-api`: the standalone upload API (server/upload-api/) on UPLOAD_API_PORT (default 3001),
 * until SIGINT or SIGTERM. It needs the app's environment: PostgreSQL (sessions, runs), Kafka, and the same
 * BETTER_AUTH_SECRET as the app servers. PGlite cannot be shared between processes: set DATABASE_URL.
 */
import { getDatabaseHandle } from "@/server/db";
import { env } from "@/server/env";
import { checkHealth } from "@/server/health";
import { getLocationPublisher } from "@/server/kafka";
import { log } from "@/server/log";
import { createUploadServer } from "@/server/upload-api/upload-server";

const { UPLOAD_API_PORT: port, UPLOAD_API_HOST: host } = env();
const server = createUploadServer({
  appOrigin: new URL(env().BETTER_AUTH_URL).origin,
  direct: env().UPLOAD_API_DIRECT === "on",
  // The upload tier needs PostgreSQL (sessions, the run's owner) and Kafka; Cassandra is the writers' concern.
  health: async () => {
    const report = await checkHealth({
      postgres: () => getDatabaseHandle().ping(),
      kafka: () => getLocationPublisher().ping(),
    });
    return { healthy: Object.values(report).every((status) => status === "ok"), report };
  },
});

server.keepAliveTimeout = 65_000; // longer than a load balancer's idle timeout, so it closes first
server.listen(port, host, () => log.info({ port, host }, "upload API listening"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void getLocationPublisher()
      .close()
      .finally(() => process.exit(0));
  });
}
