/** Locale negotiation shared by server and client: a remembered choice (cookie) wins over the browser's. */
import { LOCALES, type Locale } from "@/domain/coaching/step-types";

export const LOCALE_COOKIE = "locale";
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language of an Accept-Language header ("ko-KR,ko;q=0.9,en;q=0.8" → ko). */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { language: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.language).find(isLocale) ?? DEFAULT_LOCALE;
}
