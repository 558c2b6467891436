"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/** False during server render and hydration, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
