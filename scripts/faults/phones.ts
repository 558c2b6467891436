/**
 * Simulated phones for the fault tests: each uploads a batch of fresh points on a steady interval through the
 * load balancer and, like the app's outbox, sends the same batch again until it is acknowledged. Every
 * attempt is recorded (when, how long, what came back), and every acknowledged point id per run, so a test
 * can say what was attempted, acknowledged and failed during a fault, and check the acknowledged points
 * against Cassandra afterwards.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";

export interface FaultRunner {
  cookie: string;
  activityId: string;
}

export interface Attempt {
  /** ms since the epoch when the request was sent. */
  at: number;
  latencyMs: number;
  ok: boolean;
  /** HTTP status, or the network error's message. */
  outcome: string;
}

export interface PhonesOptions {
  baseUrl: string;
  runners: readonly FaultRunner[];
  /** A new batch per phone this often (default 1 s: a fault test wants many uploads in a short time). */
  intervalMs?: number;
  pointsPerBatch?: number;
  /** Before sending a refused batch again (default 500 ms; the app's outbox honours Retry-After too). */
  retryDelayMs?: number;
}

export interface Phones {
  attempts: Attempt[];
  /** Acknowledged point ids, per run. */
  acknowledged: Map<string, string[]>;
  /** Batches created, and batches acknowledged. */
  batches: { created: number; acknowledged: number };
  /** Stops creating batches; resolves once every phone's batch in hand is acknowledged (or the timeout). */
  stop(timeoutMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function startPhones(options: PhonesOptions): Phones {
  const intervalMs = options.intervalMs ?? 1_000;
  const pointsPerBatch = options.pointsPerBatch ?? 10;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const attempts: Attempt[] = [];
  const acknowledged = new Map<string, string[]>();
  const batches = { created: 0, acknowledged: 0 };
  let creating = true;
  let giveUpAt = Infinity;

  async function send(runner: FaultRunner, body: string): Promise<boolean> {
    const at = Date.now();
    try {
      const response = await fetch(`${options.baseUrl}/api/trpc/activities.appendPoints`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: runner.cookie },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      attempts.push({ at, latencyMs: Date.now() - at, ok: response.ok, outcome: String(response.status) });
      return response.ok;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      attempts.push({ at, latencyMs: Date.now() - at, ok: false, outcome: cause ?? (error instanceof Error ? error.message : String(error)) });
      return false;
    }
  }

  async function phone(runner: FaultRunner, index: number) {
    acknowledged.set(runner.activityId, []);
    await sleep((intervalMs * index) / options.runners.length); // spread the phones over the interval
    while (creating) {
      const due = Date.now() + intervalMs;
      const now = Date.now();
      const points = Array.from({ length: pointsPerBatch }, (_, i) => ({
        id: randomUUID(),
        ts: now - (pointsPerBatch - i) * 100,
        lat: 37.5 + Math.random() / 1000,
        lng: 127 + Math.random() / 1000,
        altitude: 30,
        accuracy: 5,
        speed: 2.8,
      }));
      batches.created++;
      const body = JSON.stringify(superjson.serialize({ activityId: runner.activityId, points }));
      while (!(await send(runner, body))) {
        if (Date.now() > giveUpAt) return;
        await sleep(retryDelayMs);
      }
      batches.acknowledged++;
      acknowledged.get(runner.activityId)!.push(...points.map((p) => p.id));
      await sleep(due - Date.now());
    }
  }

  const running = options.runners.map((runner, i) => phone(runner, i));
  return {
    attempts,
    acknowledged,
    batches,
    async stop(timeoutMs = 60_000) {
      creating = false;
      giveUpAt = Date.now() + timeoutMs;
      await Promise.all(running);
    },
  };
}
