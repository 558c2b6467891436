"use client";
/**
 * A course's manifest for the download panel and the audio preview on the same page: fetched once per page
 * (network, then the course's cache), and again when the connection returns after a failure.
 */
import { useEffect, useState } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { fetchCourseManifest, type CourseManifest } from "../_lib/offline";
import { useOnlineStatus } from "./use-online-status";

const loaded = new Map<string, Promise<CourseManifest>>();

function loadOnce(slug: string, locale: Locale): Promise<CourseManifest> {
  const key = `${slug}:${locale}`;
  let promise = loaded.get(key);
  if (!promise) {
    promise = fetchCourseManifest(slug, locale);
    loaded.set(key, promise);
    promise.catch(() => loaded.delete(key)); // Failures are not remembered: the next attempt asks again.
  }
  return promise;
}

export type ManifestStatus = { state: "loading" } | { state: "ready"; manifest: CourseManifest } | { state: "unavailable" };

export function useCourseManifest(slug: string, locale: Locale): ManifestStatus {
  const online = useOnlineStatus();
  const [status, setStatus] = useState<ManifestStatus>({ state: "loading" });

  useEffect(() => {
    let current = true;
    loadOnce(slug, locale).then(
      (manifest) => current && setStatus({ state: "ready", manifest }),
      () => current && setStatus((previous) => (previous.state === "ready" ? previous : { state: "unavailable" })),
    );
    return () => {
      current = false;
    };
  }, [slug, locale, online]);

  return status;
}
