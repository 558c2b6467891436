/** Readiness of the stores and the queue, each probed with its own deadline so one hung dependency cannot hang the check. */
export type ComponentStatus = "ok" | "unavailable";

export interface HealthReport {
  postgres: ComponentStatus;
  cassandra: ComponentStatus;
  kafka: ComponentStatus;
}

const PROBE_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<ComponentStatus> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), deadline]);
    return "ok";
  } catch {
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(checks: {
  postgres: () => Promise<unknown>;
  cassandra: () => Promise<unknown>;
  kafka: () => Promise<unknown>;
}): Promise<HealthReport> {
  const [postgres, cassandra, kafka] = await Promise.all([probe(checks.postgres), probe(checks.cassandra), probe(checks.kafka)]);
  return { postgres, cassandra, kafka };
}
