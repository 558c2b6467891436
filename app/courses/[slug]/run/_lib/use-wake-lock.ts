/**
 * Keeps the screen on while `wanted`: a locked phone suspends the page, and a hidden page gets no GPS.
 * The browser drops the lock whenever the page is hidden, so it is asked for again each time the page
 * becomes visible. Browsers without the API, and headless Chromium (which refuses it), report "off":
 * the screen then says it may turn off instead of pretending.
 */
import { useEffect, useState } from "react";

export type WakeLockState = "on" | "off";

export function useWakeLock(wanted: boolean): WakeLockState {
  const [state, setState] = useState<WakeLockState>("off");

  useEffect(() => {
    if (!wanted) return;
    let sentinel: WakeLockSentinel | null = null;
    let cancelled = false;

    async function request() {
      if (cancelled || document.visibilityState !== "visible" || sentinel || !("wakeLock" in navigator)) return;
      try {
        const lock = await navigator.wakeLock.request("screen");
        if (cancelled) {
          void lock.release();
          return;
        }
        sentinel = lock;
        setState("on");
        lock.addEventListener("release", () => {
          sentinel = null;
          if (!cancelled) setState("off");
        });
      } catch {
        setState("off"); // Refused (battery saver, headless, no user activation): say so and carry on.
      }
    }

    const onVisibility = () => void request();
    document.addEventListener("visibilitychange", onVisibility);
    void request();
    return () => {
      cancelled = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void sentinel?.release();
      setState("off");
    };
  }, [wanted]);

  return state;
}
