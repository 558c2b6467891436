/**
 * A run's lifecycle as an ordered log of events (start, pause, resume, finish), each with a client-made id
 * and a per-run sequence number. The browser writes them to its outbox first; the server stores them and
 * both sides fold them with `foldRunEvents`, so the state a runner sees offline is the state the server
 * ends with. Folding refuses illegal sequences (resume a finished run, finish before start, …).
 */
import type { PauseInterval } from "./run-clock";

export const RUN_EVENT_TYPES = ["start", "pause", "resume", "finish"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];
export type FinishStatus = "completed" | "stopped";

interface RunEventBase {
  /** Client-made UUID: the same event sent twice is recognised and changes nothing. */
  id: string;
  activityId: string;
  /** 1 for the start, then +1 per event: the order the events happened in. */
  seq: number;
  /** Epoch milliseconds on the runner's device. */
  at: number;
}

export type RunEvent =
  | (RunEventBase & { type: "start"; courseId: string })
  | (RunEventBase & { type: "pause" })
  | (RunEventBase & { type: "resume" })
  | (RunEventBase & { type: "finish"; status: FinishStatus });

export type RunStatus = "active" | "paused" | FinishStatus;

export interface RunState {
  activityId: string;
  courseId: string;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  pauses: PauseInterval[];
  /** Sequence number of the last event folded in. */
  lastSeq: number;
}

export class IllegalRunTransitionError extends Error {
  readonly code = "ILLEGAL_RUN_TRANSITION" as const;
}

/** Which event types each state accepts next. */
const ALLOWED: Record<RunStatus | "none", readonly RunEventType[]> = {
  none: ["start"],
  active: ["pause", "finish"],
  paused: ["resume", "finish"],
  completed: [],
  stopped: [],
};

/** Applies one event to a state (or to nothing, for the start); throws on an illegal transition. */
export function applyRunEvent(state: RunState | null, event: RunEvent): RunState {
  const status = state?.status ?? "none";
  if (!ALLOWED[status].includes(event.type)) {
    throw new IllegalRunTransitionError(
      status === "none"
        ? `A run must begin with a start event, not ${event.type}`
        : `Cannot ${event.type} a run that is ${status}`,
    );
  }
  if (state && event.seq !== state.lastSeq + 1) {
    throw new IllegalRunTransitionError(`Event ${event.seq} arrived but ${state.lastSeq + 1} is next`);
  }
  if (state && event.at < (state.pauses.at(-1)?.resumedAt ?? state.pauses.at(-1)?.at ?? state.startedAt)) {
    throw new IllegalRunTransitionError(`Event ${event.seq} (${event.type}) is earlier than the event before it`);
  }
  switch (event.type) {
    case "start":
      if (event.seq !== 1) throw new IllegalRunTransitionError(`The start event must be number 1, not ${event.seq}`);
      return {
        activityId: event.activityId,
        courseId: event.courseId,
        status: "active",
        startedAt: event.at,
        finishedAt: null,
        pauses: [],
        lastSeq: 1,
      };
    case "pause":
      return { ...state!, status: "paused", pauses: [...state!.pauses, { at: event.at, resumedAt: null }], lastSeq: event.seq };
    case "resume": {
      const pauses = state!.pauses.slice(0, -1);
      pauses.push({ at: state!.pauses.at(-1)!.at, resumedAt: event.at });
      return { ...state!, status: "active", pauses, lastSeq: event.seq };
    }
    case "finish": {
      // Finishing while paused closes the pause at the finish.
      const pauses = state!.pauses.map((pause) => (pause.resumedAt === null ? { ...pause, resumedAt: event.at } : pause));
      return { ...state!, status: event.status, finishedAt: event.at, pauses, lastSeq: event.seq };
    }
  }
}

/** Folds a run's events, in sequence order, into its state. Duplicate ids must be removed first. */
export function foldRunEvents(events: readonly RunEvent[]): RunState | null {
  return [...events].sort((a, b) => a.seq - b.seq).reduce<RunState | null>(applyRunEvent, null);
}
