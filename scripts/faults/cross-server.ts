/**
 * Any server answers any request: a runner signs up through app server 1, starts a run through upload API 2,
 * uploads a batch through upload API 1, and reads the run back through app server 2 — each addressed directly,
 * not through the load balancer, so nothing but shared stores (PostgreSQL, Kafka, Cassandra) connects them.
 * Returns what went wrong (empty when nothing did).
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import type { ScaledStack } from "../cluster/scaled-stack";
import { COURSE_ID, signUp, trpcPost } from "../lib/simulated-runner";
const at = (port: number) => `http://127.0.0.1:${port}`;

export async function crossServerProblems(stack: ScaledStack, ports: { app: number[]; upload: number[] }): Promise<string[]> {
  const problems: string[] = [];
  const name = `cross${Date.now().toString(36)}`;
  let cookie: string;
  try {
    cookie = await signUp(at(ports.app[0]!), stack.url, name);
  } catch (error) {
    return [`sign-up through app1: ${error instanceof Error ? error.message : String(error)}`];
  }
  const post = (port: number, procedure: string, input: unknown) => trpcPost(at(port), procedure, cookie, input);

  const activityId = randomUUID();
  const started = await post(ports.upload[1]!, "activities.syncEvents", {
    activityId,
    events: [{ id: randomUUID(), activityId, seq: 1, at: Date.now() - 30_000, type: "start", courseId: COURSE_ID }],
  });
  if (!started.ok) problems.push(`run start through upload2: ${started.status}`);
  const points = [1, 2, 3].map((i) => ({ id: randomUUID(), ts: Date.now() - 10_000 + i * 1_000, lat: 37.5, lng: 127, altitude: 30, accuracy: 5, speed: 2.5 }));
  const uploaded = await post(ports.upload[0]!, "activities.appendPoints", { activityId, points });
  if (!uploaded.ok) problems.push(`points through upload1: ${uploaded.status}`);
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ id: activityId })));
  const read = await fetch(`${at(ports.app[1]!)}/api/trpc/activities.get?input=${input}`, { headers: { cookie } });
  if (!read.ok) problems.push(`the run through app2: ${read.status}`);
  else {
    const run = superjson.deserialize((await read.json()).result.data) as { status?: string } | null;
    if (run?.status !== "active") problems.push(`app2 shows the run as ${JSON.stringify(run?.status)}, not "active"`);
  }
  return problems;
}
