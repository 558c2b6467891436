/** Databases on the local PostgreSQL server: a throwaway one per test run, or a lasting one (the scaled setup's). */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the machine's PostgreSQL cluster if it is installed but not answering (Debian's pg_ctlcluster). */
async function ensureServerRunning(): Promise<void> {
  if (await canConnect(ADMIN_URL)) return;
  if (existsSync("/etc/postgresql")) {
    for (const version of readdirSync("/etc/postgresql")) {
      console.log(`› starting PostgreSQL ${version}`);
      try {
        execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
      } catch {
        /* reported below if still unreachable */
      }
    }
  }
  if (!(await canConnect(ADMIN_URL))) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL}; start it or set TEST_POSTGRES_URL`);
  }
}

export async function createTestDatabase(name: string): Promise<string> {
  await ensureServerRunning();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The URL of database `name`, created when missing (kept across runs, unlike a test database). */
export async function ensureDatabase(name: string): Promise<string> {
  await ensureServerRunning();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
