"use client";
/**
 * Lets a runner hear the coach before running: the course's first step cue, and a music track with
 * controls. Plays through the same `/media/` URLs as a run, so a downloaded course previews offline
 * (the service worker answers the ranges `<audio>` asks for, which is what makes seeking work).
 */
import { useRef, useState } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { fileKey, findVoiceCue, type ManifestFile } from "../_lib/offline";
import { useCourseManifest } from "./use-course-manifest";

export interface AudioPreviewLabels {
  heading: string;
  playCue: string;
  voiceCue: string;
  music: string;
  musicPlayer: string;
  playFailed: string;
  unavailable: string;
}

export const AUDIO_PREVIEW_LABELS_EN: AudioPreviewLabels = {
  heading: "Hear the coach",
  playCue: "Play a voice cue",
  voiceCue: "Voice cue",
  music: "Music track",
  musicPlayer: "Music preview",
  playFailed: "The cue could not be played.",
  unavailable: "The audio preview needs a connection, or a downloaded course.",
};

export const AUDIO_PREVIEW_LABELS: Record<Locale, AudioPreviewLabels> = {
  en: AUDIO_PREVIEW_LABELS_EN,
  ko: {
    heading: "코치 목소리 듣기",
    playCue: "음성 안내 들어 보기",
    voiceCue: "음성 안내",
    music: "음악",
    musicPlayer: "음악 미리 듣기",
    playFailed: "음성 안내를 재생하지 못했습니다.",
    unavailable: "미리 듣기는 인터넷 연결이나 다운로드한 코스가 있어야 합니다.",
  },
};

/** "jog-150" → "jog 150". */
function trackName(file: ManifestFile): string {
  return fileKey(file).replace(/[-_]+/g, " ");
}

export function AudioPreview({
  slug,
  locale,
  cueKey,
  labels: labelsOverride,
}: {
  slug: string;
  locale: Locale;
  /** The cue of the course's first step (`stepCueKey` in domain/coaching/cues.ts). */
  cueKey: string;
  labels?: AudioPreviewLabels;
}) {
  const labels = labelsOverride ?? AUDIO_PREVIEW_LABELS[locale];
  const status = useCourseManifest(slug, locale);
  const voice = useRef<HTMLAudioElement>(null);
  const [trackUrl, setTrackUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  if (status.state === "loading") return null;
  if (status.state === "unavailable") return <p className="meta">{labels.unavailable}</p>;

  const { manifest } = status;
  const cue = findVoiceCue(manifest, cueKey) ?? manifest.files.find((file) => file.kind === "voice");
  const tracks = manifest.files.filter((file) => file.kind === "music");
  const track = tracks.find((file) => file.url === trackUrl) ?? tracks[0];

  async function playCue() {
    const element = voice.current;
    if (!element) return;
    setFailed(false);
    element.currentTime = 0;
    try {
      await element.play();
    } catch {
      setFailed(true);
    }
  }

  return (
    <section className="offline-panel audio-preview" aria-labelledby={`preview-${slug}`}>
      <h2 id={`preview-${slug}`}>{labels.heading}</h2>
      {cue && (
        <div className="button-row">
          <button type="button" className="button secondary" onClick={playCue}>
            {labels.playCue}
          </button>
          <audio ref={voice} src={cue.url} preload="none" aria-label={labels.voiceCue} />
        </div>
      )}
      {failed && (
        <p role="alert" className="error">
          {labels.playFailed}
        </p>
      )}
      {track && (
        <>
          {tracks.length > 1 && (
            <label>
              {labels.music}
              <select value={track.url} onChange={(event) => setTrackUrl(event.target.value)}>
                {tracks.map((file) => (
                  <option key={file.url} value={file.url}>
                    {trackName(file)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <audio key={track.url} controls src={track.url} preload="metadata" aria-label={labels.musicPlayer} />
        </>
      )}
    </section>
  );
}
