/**
 * Music on/off and the voice and music volumes, saved with the run (so a resumed run sounds the same).
 * The sliders keep their own value while dragged and store it as it changes.
 */
import { useId, useState } from "react";
import type { LocalRun, RunSettings } from "@/app/_lib/run";
import type { RunLabels } from "./run-screen";

const percent = (value: number) => Math.round(value * 100);

export function SoundControls({
  run,
  labels,
  onSettings,
}: {
  run: LocalRun;
  labels: RunLabels;
  onSettings: (settings: Partial<RunSettings>) => void;
}) {
  const id = useId();
  const [voiceVolume, setVoiceVolume] = useState(percent(run.voiceVolume));
  const [musicVolume, setMusicVolume] = useState(percent(run.musicVolume));

  return (
    <fieldset className="run-sound">
      <legend className="visually-hidden">{labels.music}</legend>
      <div className="switch-row">
        <input
          id={`${id}-music`}
          type="checkbox"
          role="switch"
          checked={run.musicOn}
          onChange={(event) => onSettings({ musicOn: event.target.checked })}
        />
        <label htmlFor={`${id}-music`}>{labels.music}</label>
      </div>
      <label className="slider">
        <span>{labels.voiceVolume}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={voiceVolume}
          onChange={(event) => {
            setVoiceVolume(Number(event.target.value));
            onSettings({ voiceVolume: Number(event.target.value) / 100 });
          }}
        />
      </label>
      <label className="slider">
        <span>{labels.musicVolume}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={musicVolume}
          disabled={!run.musicOn}
          onChange={(event) => {
            setMusicVolume(Number(event.target.value));
            onSettings({ musicVolume: Number(event.target.value) / 100 });
          }}
        />
      </label>
    </fieldset>
  );
}
