"use client";
/** Switches the UI language and remembers the choice for a year (a cookie, so the server renders in it). */
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { LOCALE_COOKIE } from "../_i18n/locale";

const NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function LocaleSwitcher({ current, label }: { current: Locale; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other: Locale = current === "en" ? "ko" : "en";
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      aria-label={`${label}: ${NAMES[other]}`}
      disabled={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${other}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
        document.documentElement.lang = other;
        startTransition(() => router.refresh());
      }}
    >
      {NAMES[other]}
    </button>
  );
}
