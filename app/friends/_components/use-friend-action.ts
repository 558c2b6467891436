"use client";
/**
 * Runs one friends/profile mutation, keeps its pending state and its error as words for the page, and
 * re-renders the server page afterwards so the lists show what the server now holds.
 */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { errorWords, type ErrorLabels } from "./error-words";

export type { ErrorLabels } from "./error-words";

export function useFriendAction(errorLabels: ErrorLabels) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      startTransition(() => router.refresh());
      return result;
    } catch (e) {
      setError(errorWords(e, errorLabels));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { run, busy, error };
}
