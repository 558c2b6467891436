/**
 * An IANA time-zone name that both the runtime and PostgreSQL read the same way. Offsets such as "+09:00"
 * are refused: PostgreSQL reads a bare offset in AT TIME ZONE as POSIX, with the sign inverted, so
 * "+09:00" there means nine hours *west*. Names are checked against the runtime's zone database.
 */
import { z } from "zod";

const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

export function isTimeZoneName(value: string): boolean {
  if (!ZONE_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneName = z.string().max(64).refine(isTimeZoneName, "an IANA time zone such as Asia/Seoul");
