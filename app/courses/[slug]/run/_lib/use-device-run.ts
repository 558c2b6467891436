/**
 * The run this device is recording, if any, kept current: loaded from IndexedDB once, then followed through
 * the run channel, so a pause in another tab (or the Media Session buttons) shows here too, and a run begun
 * in another tab is picked up instead of a second one being started.
 */
import { useCallback, useEffect, useState, type RefObject } from "react";
import { isRunFinished, loadActiveRun, subscribeRun, type LocalRun } from "@/app/_lib/run";

export type DeviceRun =
  | { status: "loading" }
  | { status: "unavailable" }
  | { status: "ready"; run: LocalRun | null };

/** `starting`: true while this tab begins a run itself; it shows that run when it is ready, not before. */
export function useDeviceRun(starting: RefObject<boolean>): { device: DeviceRun; show: (run: LocalRun | null) => void } {
  const [device, setDevice] = useState<DeviceRun>({ status: "loading" });

  useEffect(() => {
    let current = true;
    const unsubscribe = subscribeRun(({ activityId, run }) => {
      setDevice((previous) => {
        if (previous.status !== "ready") return previous;
        const shown = previous.run;
        if (shown?.activityId === activityId) return { status: "ready", run };
        // Another tab began a run while this one shows none (or a finished one): follow it.
        if (run && !isRunFinished(run) && (!shown || isRunFinished(shown)) && !starting.current) return { status: "ready", run };
        return previous;
      });
    });
    loadActiveRun().then(
      (run) => current && setDevice((previous) => (previous.status === "loading" ? { status: "ready", run } : previous)),
      () => current && setDevice({ status: "unavailable" }),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [starting]);

  const show = useCallback((run: LocalRun | null) => setDevice({ status: "ready", run }), []);
  return { device, show };
}
