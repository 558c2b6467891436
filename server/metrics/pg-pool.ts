/**
 * The PostgreSQL pool's state at each scrape (pg-pool keeps the counts; nothing is observed per query):
 * connections by state, and queries waiting for a connection, which is the first sign of a pool too small
 * for the load (a wait over 5 s is answered 503, server/db/unavailable.ts).
 */
import { Gauge, type Registry } from "prom-client";
import type { PoolStats } from "../db/client";

const registered = new WeakSet<Registry>();

/** `stats` is asked at every scrape; null (no pool: PGlite, or not opened yet) leaves the series out. */
export function registerPgPoolMetrics(registry: Registry, stats: () => PoolStats | null): void {
  if (registered.has(registry)) return;
  registered.add(registry);
  const registers = [registry];
  new Gauge({
    name: "runcoach_pg_pool_connections",
    help: "PostgreSQL pool connections by state (busy, idle) and the pool's maximum (max)",
    labelNames: ["state"] as const,
    registers,
    collect() {
      this.reset();
      const now = stats();
      if (!now) return;
      this.set({ state: "busy" }, now.total - now.idle);
      this.set({ state: "idle" }, now.idle);
      this.set({ state: "max" }, now.max);
    },
  });
  new Gauge({
    name: "runcoach_pg_pool_waiting_queries",
    help: "Queries waiting for a free PostgreSQL pool connection",
    registers,
    collect() {
      this.reset();
      const now = stats();
      if (now) this.set(now.waiting);
    },
  });
}
