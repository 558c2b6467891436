/**
 * Every cue the coach spoke in this page, on `window.__runcoachCoachLog`. It exists so the end-to-end tests
 * can check the sequence of cues against the schedule (headless audio is silent), and so the timing error
 * of the player (how late each cue was asked for) can be measured in a real browser. It holds a few hundred
 * small entries at most and is gone with the page.
 */
import type { CoachLogEntry } from "./coach-player";

declare global {
  interface Window {
    __runcoachCoachLog?: CoachLogEntry[];
  }
}

export function recordCoachLog(entry: CoachLogEntry): void {
  (window.__runcoachCoachLog ??= []).push(entry);
}
