"use client";
/** The outbox's counts and state (app/_lib/outbox/status.ts), the same in every tab, for any screen. */
import { useSyncExternalStore } from "react";
import { getOutboxStatus, subscribeOutbox, type OutboxStatus } from "@/app/_lib/outbox/status";

export function useOutboxStatus(): OutboxStatus {
  return useSyncExternalStore(subscribeOutbox, getOutboxStatus, getOutboxStatus);
}
