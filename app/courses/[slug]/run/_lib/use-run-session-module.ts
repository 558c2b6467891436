/**
 * The run session's code (run-session.tsx and all it imports: coach, GPS, wake lock, cheers, the running and
 * finished views), fetched the first time it is `needed` — the Start tap, or a run of this course on the
 * device — and kept. A state rather than React.lazy: a Suspense boundary's reveal is throttled with a timer,
 * which a page whose clock is held (the end-to-end tests' `page.clock`) would never let fire.
 */
import { useEffect, useState } from "react";

type RunSessionModule = typeof import("../run-session");

let loading: Promise<RunSessionModule> | null = null;

/** Starts fetching the module (once); safe to call inside a tap, before anything needs it. */
export function loadRunSession(): Promise<RunSessionModule> {
  loading ??= import("../run-session").catch((error: unknown) => {
    loading = null; // a failed fetch (offline, no service worker yet) may succeed on the next try
    throw error;
  });
  return loading;
}

export function useRunSessionModule(needed: boolean): RunSessionModule | null {
  const [module, setModule] = useState<RunSessionModule | null>(null);
  useEffect(() => {
    if (!needed || module) return;
    let current = true;
    loadRunSession().then(
      (loaded) => current && setModule(() => loaded),
      () => {
        // Shown as still loading; the next render that needs it tries again.
      },
    );
    return () => {
      current = false;
    };
  }, [needed, module]);
  return module;
}
