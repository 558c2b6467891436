/** Structured JSON logs (one line per event) for operators; pino keeps the hot path cheap. */
import pino from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "runcoach" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
