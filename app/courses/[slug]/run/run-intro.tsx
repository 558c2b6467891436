/**
 * Before the start: the course summary, whether the coach will work here (downloaded, streaming, or — offline
 * without a download — silent, said plainly), a warning when the device is almost out of storage for the
 * run's GPS points, music on or off, and one big Start button. The tap on Start is
 * also what lets the browser play the coach's voice.
 */
import { useEffect, useId, useState, type ReactNode } from "react";
import { useOnlineStatus } from "@/app/_components/use-online-status";
import { getDownloadState, type DownloadState } from "@/app/_lib/offline";
import type { Locale } from "@/domain/coaching/step-types";
import { checkRunStorage, type StorageRoom } from "./_lib/storage-room";
import type { RunLabels } from "./run-screen";

/** "complete" only when the cues in the language this screen speaks are stored (not just some download). */
function useDownloadState(slug: string, locale: Locale): DownloadState | "checking" {
  const [state, setState] = useState<DownloadState | "checking">("checking");
  useEffect(() => {
    let current = true;
    getDownloadState(slug, undefined, locale).then(
      (value) => current && setState(value),
      () => current && setState("none"),
    );
    return () => {
      current = false;
    };
  }, [slug, locale]);
  return state;
}

function useStorageRoom(): StorageRoom | "checking" {
  const [room, setRoom] = useState<StorageRoom | "checking">("checking");
  useEffect(() => {
    let current = true;
    void checkRunStorage(navigator.storage).then((value) => current && setRoom(value));
    return () => {
      current = false;
    };
  }, []);
  return room;
}

export function RunIntro(props: {
  slug: string;
  /** The language the coach speaks on this screen. */
  locale: Locale;
  labels: RunLabels;
  starting: boolean;
  error: string | null;
  onStart: (musicOn: boolean) => void;
  children: ReactNode;
}) {
  const { slug, locale, labels, starting, error, onStart, children } = props;
  const online = useOnlineStatus();
  const download = useDownloadState(slug, locale);
  const storage = useStorageRoom();
  const [musicOn, setMusicOn] = useState(true);
  const musicId = useId();

  let availability: ReactNode;
  if (download === "checking") availability = <p className="meta">{labels.checkingDownload}</p>;
  else if (download === "complete") availability = <p className="badge">✓ {labels.downloaded}</p>;
  else if (online) availability = <p className="meta">{labels.streams}</p>;
  else
    availability = (
      <p role="alert" className="error">
        {labels.offlineNoAudio}
      </p>
    );

  return (
    <section className="run-intro" aria-label={labels.ready}>
      {children}
      {availability}
      {storage === "low" && (
        <p role="alert" className="error" data-testid="storage-low">
          {labels.storageLow}
        </p>
      )}
      <div className="switch-row">
        <input
          id={musicId}
          type="checkbox"
          role="switch"
          checked={musicOn}
          onChange={(event) => setMusicOn(event.target.checked)}
        />
        <label htmlFor={musicId}>{labels.music}</label>
      </div>
      <button type="button" className="button run-start" disabled={starting} onClick={() => onStart(musicOn)}>
        {starting ? labels.starting : labels.start}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
