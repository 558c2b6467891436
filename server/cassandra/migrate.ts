/**
 * Applies the numbered `.cql` files in `migrations/` once each, in order, and records them in
 * `schema_migrations` with a checksum, so an edited migration that already ran is refused loudly
 * instead of silently diverging between environments.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createCassandraClient, type CassandraSettings } from "./client";

export const defaultCqlMigrationsFolder = () => path.join(process.cwd(), "server", "cassandra", "migrations");

export interface CqlMigration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

/** Splits a CQL file into statements: drops `--` comment lines, splits on `;` at the end of a line. */
export function splitCqlStatements(source: string): string[] {
  const withoutComments = source
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n");
  return withoutComments
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export async function loadCqlMigrations(folder: string): Promise<CqlMigration[]> {
  const files = (await readdir(folder)).filter((file) => /^\d{3}_[\w-]+\.cql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(path.join(folder, file), "utf8");
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.cql$/, ""),
        statements: splitCqlStatements(source),
        checksum: createHash("sha256").update(source).digest("hex"),
      };
    }),
  );
}

export class CqlMigrationChangedError extends Error {
  readonly code = "CQL_MIGRATION_CHANGED" as const;
}

/** Creates the keyspace when missing, then applies pending migrations. Returns the names it applied. */
export async function migrateCassandra(
  settings: CassandraSettings,
  folder: string = defaultCqlMigrationsFolder(),
): Promise<string[]> {
  const admin = createCassandraClient(settings, { withKeyspace: false });
  try {
    await admin.execute(
      `CREATE KEYSPACE IF NOT EXISTS ${settings.keyspace} WITH replication = ` +
        `{'class': 'NetworkTopologyStrategy', '${settings.localDataCenter}': ${settings.replicationFactor}}`,
    );
    await admin.execute(
      `CREATE TABLE IF NOT EXISTS ${settings.keyspace}.schema_migrations ` +
        `(version int PRIMARY KEY, name text, checksum text, applied_at timestamp)`,
    );
  } finally {
    await admin.shutdown();
  }

  const client = createCassandraClient(settings, { withKeyspace: true });
  try {
    const applied = new Map<number, string>();
    const rows = await client.execute("SELECT version, checksum FROM schema_migrations");
    for (const row of rows.rows) applied.set(row.get("version") as number, row.get("checksum") as string);

    const ran: string[] = [];
    for (const migration of await loadCqlMigrations(folder)) {
      const appliedChecksum = applied.get(migration.version);
      if (appliedChecksum !== undefined) {
        if (appliedChecksum !== migration.checksum) {
          throw new CqlMigrationChangedError(
            `CQL migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      for (const statement of migration.statements) await client.execute(statement);
      await client.execute(
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        [migration.version, migration.name, migration.checksum, new Date()],
      );
      ran.push(migration.name);
    }
    return ran;
  } finally {
    await client.shutdown();
  }
}
