/**
 * Whether a failed write is the store's trouble or the message's. A store that is down, slow or overloaded
 * will take the same write later: the Location Service waits and tries again, for as long as it takes,
 * while Kafka holds the backlog. A write the store refuses for what it is (an invalid request) will be
 * refused again: after a few tries its messages go to the dead-letter topic, so they cannot block the run's
 * partition behind them.
 */
import cassandra from "cassandra-driver";
import { isDatabaseUnavailable } from "../db/unavailable";

const { errors, types } = cassandra;

/** Server error codes from 0x2000 up (syntax, unauthorized, invalid, config…) are about the request. */
const FIRST_REQUEST_ERROR = types.responseErrorCodes.syntaxError;

export type FailureKind = "store-unavailable" | "message-refused";

export function failureKind(error: unknown): FailureKind {
  if (error instanceof errors.ResponseError) {
    return error.code >= FIRST_REQUEST_ERROR && error.code !== types.responseErrorCodes.unprepared
      ? "message-refused"
      : "store-unavailable";
  }
  if (
    error instanceof errors.NoHostAvailableError ||
    error instanceof errors.OperationTimedOutError ||
    error instanceof errors.BusyConnectionError ||
    isDatabaseUnavailable(error)
  ) {
    return "store-unavailable";
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^(ECONN|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)/.test(code)) {
    return "store-unavailable";
  }
  return "message-refused";
}
