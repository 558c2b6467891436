/**
 * The PostgreSQL connection: a server through node-postgres when a URL is given, otherwise an embedded
 * PGlite database in a local folder, so someone who just wants to run the app needs no database server.
 * Both are used through one drizzle type.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: "postgres" | "pglite";
  /** Applies the drizzle-kit migrations in `drizzle/` that have not run yet. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The connection pool's state now (node-postgres only): what `runcoach_pg_pool_*` report at a scrape. */
  poolStats?(): PoolStats;
}

export interface PoolStats {
  /** Connections open, idle among them, and queries waiting for one (pg-pool's waitingCount). */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface DatabaseOptions {
  url?: string | undefined;
  pgliteDir: string;
  migrationsFolder?: string;
}

const POOL_MAX = 10;

const defaultMigrationsFolder = () => path.join(process.cwd(), "drizzle");

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: POOL_MAX, connectionTimeoutMillis: 5_000 });
    const db = drizzleNodePostgres({ client: pool, schema });
    return {
      db,
      kind: "postgres",
      migrate: () => migrateNodePostgres(db, { migrationsFolder }),
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: POOL_MAX }),
    };
  }
  const client = new PGlite(path.resolve(options.pgliteDir));
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
