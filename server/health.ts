/** Readiness of the stores and the queue, each probed with its own deadline so one hung dependency cannot hang the check. */
export type ComponentStatus = "ok" | "unavailable";


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

/** Probes each named component at once; the report has the same names. Each tier asks about what it needs. */
export async function checkHealth<Name extends string>(
  checks: Record<Name, () => Promise<unknown>>,
): Promise<Record<Name, ComponentStatus>> {
  const names = Object.keys(checks) as Name[];
  const statuses = await Promise.all(names.map((name) => probe(checks[name])));
  return Object.fromEntries(names.map((name, i) => [name, statuses[i]])) as Record<Name, ComponentStatus>;
}
