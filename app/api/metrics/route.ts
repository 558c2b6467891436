/**
 * Prometheus metrics of this app server (server/metrics/): tRPC calls, Kafka produce, Cassandra queries, the
 * PostgreSQL pool, Node's runtime, and the writers' consumer-group lag read from the brokers at each scrape.
 * Refused by the load balancer on the public port (scripts/haproxy/config.ts); METRICS_TOKEN, when set, is
 * asked as a bearer token. docs/operations.md says what each series means.
 */
import { kafkaSettingsFromEnv } from "@/server/kafka/settings";
import { answerMetrics } from "@/server/metrics/endpoint";
import { registerGroupLag } from "@/server/metrics/group-lag";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const answer = await answerMetrics(request.headers.get("authorization"), (registry) =>
    registerGroupLag(registry, kafkaSettingsFromEnv()),
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
