/** The runner's time zone: what the browser reported, if it is a real IANA zone, else a sensible default. */
import type { Locale } from "@/domain/coaching/step-types";

export const TIME_ZONE_COOKIE = "tz";

export function resolveTimeZone(reported: string | undefined, locale: Locale): string {
  if (reported) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: reported });
      return reported;
    } catch {
      // not a zone this runtime knows: fall through to the default
    }
  }
  return locale === "ko" ? "Asia/Seoul" : "UTC";
}
