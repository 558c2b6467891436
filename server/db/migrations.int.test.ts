import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { account, user } from "@/server/db/schema";
import { signUpTestUser } from "@/test-support/integration";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "./client";

/** A URL for another database on the same server as the test database. */
function siblingDatabaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe("PostgreSQL migrations", () => {
  it("apply to an empty database, and applying them again changes nothing", async () => {
    const name = `runcoach_test_empty_${randomBytes(4).toString("hex")}`;
    await withClient(process.env.DATABASE_URL!, (admin) => admin.query(`CREATE DATABASE ${name}`));
    const database = openDatabase({ url: siblingDatabaseUrl(name), pgliteDir: "" });
    try {
      await database.migrate();
      const tables = await withClient(siblingDatabaseUrl(name), (client) =>
        client.query<{ table_name: string }>(
          "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
        ),
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(["account", "activities", "course_steps", "courses", "programs", "session", "user", "verification"]),
      );
      const countMigrations = async () =>
        (
          await withClient(siblingDatabaseUrl(name), (client) =>
            client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations"),
          )
        ).rows[0]!.n;
      const before = await countMigrations();
      expect(before).toBeGreaterThan(0);
      await database.migrate();
      expect(await countMigrations()).toBe(before);
    } finally {
      await database.close();
      await withClient(process.env.DATABASE_URL!, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name}`));
    }
  });
});

describe("accounts", () => {
  it("sign-up creates a user with a hashed password", async () => {
    const created = await signUpTestUser("signup");
    const [row] = await getDb().select().from(user).where(eq(user.id, created.id));
    expect(row?.email).toMatch(/^signup.*@example\.test$/);
    expect(row?.username).toMatch(/^signup/);
    expect(created.cookie).toContain("session_token");
    const [credential] = await getDb()
      .select({ password: account.password })
      .from(account)
      .where(and(eq(account.userId, created.id), eq(account.providerId, "credential")));
    expect(credential?.password).toBeTruthy();
    expect(credential?.password).not.toContain("correct horse");
  });
});
