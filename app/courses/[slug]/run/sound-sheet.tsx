/**
 * The sound settings behind one button of the control row, so the running screen needs no scrolling: a
 * modal `<dialog>` (focus moves in, Escape closes) with the music switch and the two volumes.
 */
import { useRef } from "react";
import type { LocalRun, RunSettings } from "@/app/_lib/run";
import type { RunLabels, RunScreenLabels } from "./run-screen";
import { SoundControls } from "./sound-controls";

export function SoundSheet(props: {
  run: LocalRun;
  labels: RunLabels;
  screenLabels: RunScreenLabels;
  onSettings: (settings: Partial<RunSettings>) => void;
}) {
  const { run, labels, screenLabels, onSettings } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className="button secondary run-control run-sound-button"
        aria-label={screenLabels.sound}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true" focusable="false">
          <path
            d="M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <dialog ref={dialog} className="run-dialog run-sound-sheet" aria-labelledby="run-sound-title">
        <h2 id="run-sound-title">{screenLabels.soundTitle}</h2>
        <SoundControls run={run} labels={labels} onSettings={onSettings} />
        <div className="button-row">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {screenLabels.done}
          </button>
        </div>
      </dialog>
    </>
  );
}
