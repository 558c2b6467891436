"use client";
/**
 * What the sign-in and sign-up forms share: submit through better-auth's client, show its error in words,
 * go to `next` on success, and stay disabled until hydrated (before that a click would post the form
 * natively, with the password in the request).
 */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";

type AuthCall = (data: FormData) => Promise<{ error: { message?: string } | null }>;

export function useAuthForm(call: AuthCall, next: string, fallbackError: string) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const { error: failure } = await call(new FormData(event.currentTarget));
    setPending(false);
    if (failure) {
      setError(failure.message ?? fallbackError);
      return;
    }
    router.push(next);
    router.refresh();
  }

  return { onSubmit, error, pending, disabled: pending || !hydrated };
}
