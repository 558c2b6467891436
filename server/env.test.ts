import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives working defaults for local use", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CASSANDRA_CONTACT_POINTS).toEqual(["127.0.0.1:9042"]);
    expect(env.CASSANDRA_KEYSPACE).toBe("runcoach");
  });

  it("splits contact points and treats empty strings as unset", () => {
    const env = parseEnv({ CASSANDRA_CONTACT_POINTS: "127.0.0.1:9042, 127.0.0.2:9042", DATABASE_URL: "" });
    expect(env.CASSANDRA_CONTACT_POINTS).toEqual(["127.0.0.1:9042", "127.0.0.2:9042"]);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable and what it expects", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://x", CASSANDRA_KEYSPACE: "Bad-Name", CASSANDRA_REPLICATION_FACTOR: "zero" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(message).toMatch(/CASSANDRA_KEYSPACE: a lowercase CQL identifier/);
    expect(message).toMatch(/CASSANDRA_REPLICATION_FACTOR/);
  });

  it("turns the metrics on unless told off, and wants a metrics token long enough to guess nothing", () => {
    expect(parseEnv({}).METRICS).toBe("on");
    expect(parseEnv({ METRICS: "off" }).METRICS).toBe("off");
    expect(() => parseEnv({ METRICS: "no" })).toThrow(/METRICS/);
    expect(parseEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: at least 16 characters/);
  });

  it("takes a map tile template, off, or refuses it naming what it expects", () => {
    expect(parseEnv({}).MAP_TILE_URL).toBeUndefined();
    expect(parseEnv({}).MAP_TILE_MAX_ZOOM).toBe(19);
    expect(parseEnv({ MAP_TILE_URL: "off" }).MAP_TILE_URL).toBe("off");
    expect(parseEnv({ MAP_TILE_URL: "https://tiles.example.com/{z}/{x}/{y}.png", MAP_TILE_MAX_ZOOM: "18" })).toMatchObject({
      MAP_TILE_URL: "https://tiles.example.com/{z}/{x}/{y}.png",
      MAP_TILE_MAX_ZOOM: 18,
    });
    expect(() => parseEnv({ MAP_TILE_URL: "https://tiles.example.com/{z}/{x}.png" })).toThrow(/MAP_TILE_URL: a template with \{z\}, \{x\} and \{y\}/);
    expect(() => parseEnv({ MAP_TILE_ATTRIBUTION_URL: "javascript:alert(1)" })).toThrow(/MAP_TILE_ATTRIBUTION_URL: an http\(s\) URL/);
    expect(() => parseEnv({ MAP_TILE_MAX_ZOOM: "30" })).toThrow(/MAP_TILE_MAX_ZOOM/);
  });

  it("requires a real auth secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET: required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32) }).NODE_ENV).toBe("production");
  });
});
