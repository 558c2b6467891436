import { describe, expect, it } from "vitest";
import { createStatementNamer, statementName } from "./statement-name";

describe("statementName", () => {
  it("names a statement by its verb and table, without the keyspace or any value", () => {
    expect(statementName("SELECT point_id, ts, lat FROM locations_by_activity WHERE activity_id = ?")).toBe("select locations_by_activity");
    expect(statementName("insert into runcoach_test_x.locations_by_activity (activity_id, ts) values (?, ?)")).toBe("insert locations_by_activity");
    expect(statementName("UPDATE schema_migrations SET name = 'x' WHERE version = 3")).toBe("update schema_migrations");
    expect(statementName("DELETE FROM locations_by_activity WHERE activity_id = 5d0c…")).toBe("delete locations_by_activity");
    expect(statementName("  select count(*) from \"Points\"  ")).toBe("select Points");
    expect(statementName("TRUNCATE TABLE locations_by_activity")).toBe("truncate locations_by_activity");
  });

  it("keeps the keyspace of the system tables, whose names mean nothing alone", () => {
    expect(statementName("SELECT release_version FROM system.local")).toBe("select system.local");
    expect(statementName("select * from system_schema.tables where keyspace_name = 'x'")).toBe("select system_schema.tables");
  });

  it("calls schema changes by their verb and anything else other: the label set stays small", () => {
    expect(statementName("CREATE TABLE IF NOT EXISTS t (a int PRIMARY KEY)")).toBe("schema create");
    expect(statementName("ALTER TABLE t WITH default_time_to_live = 1")).toBe("schema alter");
    expect(statementName("LIST ROLES")).toBe("other");
    expect(statementName("")).toBe("other");
  });

  it("names a batch by its one statement, or mixed", () => {
    const insert = "INSERT INTO locations_by_activity (activity_id) VALUES (?)";
    expect(statementName(Array.from({ length: 3 }, () => ({ query: insert })))).toBe("batch insert locations_by_activity");
    expect(statementName([{ query: insert }, { query: "DELETE FROM locations_by_activity WHERE activity_id = ?" }])).toBe("batch mixed");
    expect(statementName([])).toBe("batch empty");
  });

  it("remembers at most the texts it was told to", () => {
    const name = createStatementNamer(1);
    expect(name("SELECT a FROM one")).toBe("select one");
    expect(name("SELECT a FROM two")).toBe("select two"); // not remembered, still named
    expect(name("SELECT a FROM one")).toBe("select one");
  });
});
