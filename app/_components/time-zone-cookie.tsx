"use client";
/**
 * Tells the server the runner's time zone (a cookie), so server-rendered run times read as the runner's
 * own clock. When the cookie was missing or wrong, the page is rendered once more with it.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "../_i18n/time-zone";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function TimeZoneCookie() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))?.split("=")[1];
    if (!zone || decodeURIComponent(current ?? "") === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}
