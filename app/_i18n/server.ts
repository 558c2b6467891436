/** The request's locale and dictionary, for server components. */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { en, type Dictionary } from "./en";
import { ko } from "./ko";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./locale";
import { resolveTimeZone, TIME_ZONE_COOKIE } from "./time-zone";

const dictionaries: Record<Locale, Dictionary> = { en, ko };

export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
});

export async function getDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: dictionaries[locale] };
}

/** The runner's time zone for formatting run times on the server (see _components/time-zone-cookie.tsx). */
export async function getTimeZone(): Promise<string> {
  const reported = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return resolveTimeZone(reported ? decodeURIComponent(reported) : undefined, await getLocale());
}
