/**
 * Whether this tab leads a run: of the tabs showing the same run, one coaches and records GPS, the others
 * only show it (two coaches talking over each other, and two GPS streams of one run, would be wrong). A Web
 * Lock per run decides; when the leading tab closes or reloads, the lock passes to another tab by itself.
 * Without Web Locks every tab leads, as before.
 */
import { useEffect, useState } from "react";

export function useTabLead(lockName: string): boolean {
  const [lead, setLead] = useState(() => !("locks" in navigator));

  useEffect(() => {
    if (!("locks" in navigator)) return;
    const controller = new AbortController();
    let release: (() => void) | null = null;
    navigator.locks
      .request(lockName, { signal: controller.signal }, () => {
        setLead(true);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      })
      .catch(() => undefined); // Aborted on unmount while waiting.
    return () => {
      controller.abort();
      release?.();
      setLead(false);
    };
  }, [lockName]);

  return lead;
}
