import { getCassandra } from "@/server/cassandra";
import { getDatabaseHandle } from "@/server/db";
import { checkHealth } from "@/server/health";
import { getLocationPublisher } from "@/server/kafka";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth({
    postgres: () => getDatabaseHandle().ping(),
    cassandra: async () => (await getCassandra()).execute("SELECT release_version FROM system.local"),
    kafka: () => getLocationPublisher().ping(),
  });
  const healthy = Object.values(report).every((status) => status === "ok");
  return Response.json(report, { status: healthy ? 200 : 503, headers: { "cache-control": "no-store" } });
}
