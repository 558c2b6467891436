/**
 * The language a stored page is in, from its `<html lang>` (the root layout writes the request's locale
 * there). A regular expression, not DOMParser, because the service worker has no DOM.
 */
import type { Locale } from "@/domain/coaching/step-types";
import { isLocale } from "@/app/_i18n/locale";

const HTML_LANG = /<html\b[^>]*?\blang="([a-zA-Z-]+)"/;

export function pageLocaleOf(html: string): Locale | null {
  const lang = HTML_LANG.exec(html)?.[1]?.toLowerCase().split("-")[0];
  return isLocale(lang) ? lang : null;
}
