"use client";
/**
 * Registers the service worker and, when a new version is waiting, offers to reload into it. Never blocks
 * the page, never reloads by itself, and stays hidden while a run is in progress (see run-guard.ts).
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { isRunInProgress, subscribeRunInProgress } from "./run-guard";
import { acceptUpdate, getServiceWorker, registerServiceWorker } from "./service-worker";

export interface UpdatePromptLabels {
  message: string;
  reload: string;
}

export const UPDATE_PROMPT_LABELS = {
  en: { message: "A new version is ready", reload: "Reload" },
  ko: { message: "새 버전이 준비되었습니다", reload: "새로고침" },
} as const satisfies Record<string, UpdatePromptLabels>;

function labelsForDocument(): UpdatePromptLabels {
  return document.documentElement.lang.toLowerCase().startsWith("ko") ? UPDATE_PROMPT_LABELS.ko : UPDATE_PROMPT_LABELS.en;
}

export function UpdatePrompt({ labels }: { labels?: UpdatePromptLabels }) {
  const [waiting, setWaiting] = useState(false);
  const [updating, setUpdating] = useState(false);
  const [documentLabels, setDocumentLabels] = useState<UpdatePromptLabels>(UPDATE_PROMPT_LABELS.en);
  const runActive = useSyncExternalStore(subscribeRunInProgress, isRunInProgress, () => false);

  useEffect(() => {
    const serwist = getServiceWorker();
    if (!serwist) {
      void registerServiceWorker(); // development: only clears a stale worker
      return;
    }
    const onWaiting = () => {
      setDocumentLabels(labelsForDocument());
      setWaiting(true);
    };
    // Another tab took the update: this one keeps running on the new worker without reloading.
    const onControlling = () => setWaiting(false);
    serwist.addEventListener("waiting", onWaiting);
    serwist.addEventListener("controlling", onControlling);
    void registerServiceWorker();
    return () => {
      serwist.removeEventListener("waiting", onWaiting);
      serwist.removeEventListener("controlling", onControlling);
    };
  }, []);

  if (!waiting || runActive) return null;
  const text = labels ?? documentLabels;
  return (
    <div className="update-banner" role="status">
      <span>{text.message}</span>
      <button
        type="button"
        className="button"
        disabled={updating}
        onClick={() => {
          setUpdating(true);
          acceptUpdate();
        }}
      >
        {text.reload}
      </button>
    </div>
  );
}
