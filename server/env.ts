/**
 * Every environment variable the server reads, parsed once at start-up.
 * A bad or missing value stops the process with a message naming the variable and what it expects,
 * so nothing downstream reads `process.env` directly.
 */
import { z } from "zod";
import { DEFAULT_TILE_MAX_ZOOM, tileUrlProblem } from "@/app/_lib/map-tiles";

const keyspaceName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, "a lowercase CQL identifier (letters, digits, underscore; at most 48)");

const contactPoints = z
  .string()
  .transform((value) => value.split(",").map((point) => point.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[\w.-]+(:\d{1,5})?$/, "host or host:port"))
      .min(1, "at least one host[:port], comma-separated"),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** A PostgreSQL server; when unset the app keeps its data in an embedded PGlite folder. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// connection URL")
      .optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    /** An existing Cassandra cluster; when unset the project's scripts start a local node on 127.0.0.1:9042. */
    CASSANDRA_CONTACT_POINTS: contactPoints.default(["127.0.0.1:9042"]),
    CASSANDRA_LOCAL_DC: z.string().min(1).default("datacenter1"),
    CASSANDRA_KEYSPACE: keyspaceName.default("runcoach"),
    CASSANDRA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(9).default(1),
    BETTER_AUTH_SECRET: z.string().min(32, "at least 32 characters of random text").optional(),
    BETTER_AUTH_URL: z.url("an absolute URL such as http://localhost:3000").default("http://localhost:3000"),
    /** An existing Kafka cluster; when unset the project's scripts start a local broker on 127.0.0.1:9092. */
    KAFKA_BROKERS: contactPoints.default(["127.0.0.1:9092"]),
    /** Prefix of the topic and consumer-group names, so several deployments (or test runs) share a cluster. */
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{1,100}$/, "letters, digits, '.', '_' or '-' (at most 100)")
      .default("runcoach"),
    /** Partitions of the points topic: the most Location Service writers that can share the work. */
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1_000).default(12),
    /** Replication of a new topic; 3 on a cluster (with min.insync.replicas 2). */
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(9).default(1),
    /** How long an upload waits for Kafka's acknowledgement before it answers 503 (the phone retries). */
    KAFKA_PRODUCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
    /**
     * How long an upload waits for others to share its Kafka request when none is in flight (Kafka 4's own
     * producer default for linger.ms): fewer, fuller requests under load, for at most this much latency.
     */
    KAFKA_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(5),
    /**
     * "embedded" runs the Location Service inside the app server (the single-process setup of `npm run up`
     * on PGlite, whose folder only one process may open); "off" leaves it to `npm run worker` processes.
     */
    LOCATION_SERVICE: z.enum(["off", "embedded"]).default("off"),
    /** The Location Service's /metrics and /health port (`npm run worker`); 0 picks a free one. */
    LOCATION_SERVICE_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
    /** Where `npm run upload-api` listens (the standalone upload tier). */
    UPLOAD_API_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
    UPLOAD_API_HOST: z.string().min(1).default("127.0.0.1"),
    /**
     * "off" sends every upload through tRPC's standalone adapter instead of the direct mutation path
     * (server/upload-api/direct-mutation.ts): the same answers at about twice the CPU; an escape hatch.
     */
    UPLOAD_API_DIRECT: z.enum(["on", "off"]).default("on"),
    /**
     * Runs that started longer ago than this move to the cold tier (server/archive/). At most 150: the hot
     * table's rows expire 180 days after they are written (CQL migration 002), and the archiver keeps 30 days
     * of margin; it checks the table's TTL itself before a pass.
     */
    ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(1).max(150).default(90),
    /** How often each Location Service looks for runs to archive (they share the work); 0: never (`npm run archive` by hand). */
    ARCHIVE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
    /** Shares the ingest rate limit across app servers; unset → each server limits in memory. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "a redis:// or rediss:// URL").optional(),
    /**
     * Live runs (server/live/) keep each followed run's state and events in Redis under this prefix; they need
     * REDIS_URL (without it nobody can follow a run live).
     */
    LIVE_REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._:-]{1,64}$/, "letters, digits, '.', '_', ':' or '-' (at most 64)")
      .default("runcoach:live:"),
    /** Followers connected to one live run at once, across every app server. */
    LIVE_MAX_FOLLOWERS_PER_RUN: z.coerce.number().int().min(1).max(10_000).default(50),
    /** A follower's event stream is closed after this long; the browser reconnects and resumes from its last event. */
    LIVE_CONNECTION_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
    /** Point batches one runner may upload per minute (a client sends one every few seconds). */
    INGEST_BATCHES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    /** "1" shows the demo account's credentials on the sign-in page (`npm run up` sets it). */
    SHOW_DEMO_ACCOUNT: z.enum(["0", "1"]).default("0"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /**
     * "off" turns off the Prometheus metrics this process adds (server/metrics/): no registry, no default
     * metrics, nothing observed on the request path, `/api/metrics` answers 404. For measuring their cost;
     * the Location Service's own counters on its port stay (the benchmarks count written points with them).
     */
    METRICS: z.enum(["on", "off"]).default("on"),
    /** When set, `/api/metrics` answers only requests with `Authorization: Bearer <this>`. */
    METRICS_TOKEN: z.string().min(16, "at least 16 characters of random text").optional(),
    /**
     * The run page's map tiles (app/_lib/map-tiles.ts): a raster template with {z}/{x}/{y}, default
     * OpenStreetMap's own tiles; "off" keeps the SVG route only. Read per request, not at build time.
     */
    MAP_TILE_URL: z
      .string()
      .superRefine((value, ctx) => {
        const problem = tileUrlProblem(value.trim());
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    /** The tile source's credit, shown on the map as a link to MAP_TILE_ATTRIBUTION_URL (plain text, not HTML). */
    MAP_TILE_ATTRIBUTION: z.string().max(200, "at most 200 characters").optional(),
    MAP_TILE_ATTRIBUTION_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
    /** The deepest zoom the tile source serves. */
    MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(DEFAULT_TILE_MAX_ZOOM),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === "production" && !value.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "required in production: at least 32 characters of random text (e.g. `openssl rand -base64 32`)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  readonly code = "INVALID_ENVIRONMENT" as const;
}

/** Parses an environment (empty strings count as unset); throws one error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/** The process environment, parsed on first use and then fixed for the life of the process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
