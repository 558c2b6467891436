/**
 * The bottom row, at thumb height: the sound button (`sound`), Pause/Resume and Stop. Stop ends the run for good, so it asks first, in a modal `<dialog>` (focus moves
 * into it and Escape cancels, as the browser does for modal dialogs).
 */
import { useRef, type ReactNode } from "react";
import type { RunLabels } from "./run-screen";

export function RunControls(props: {
  paused: boolean;
  labels: RunLabels;
  /** The sound settings' button, first in the row. */
  sound: ReactNode;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  /** Any tap on a control, e.g. to let blocked sound play again. */
  onTap?: () => void;
}) {
  const { paused, labels, sound, onPause, onResume, onStop, onTap } = props;
  const dialog = useRef<HTMLDialogElement>(null);

  return (
    <div className="run-controls">
      {sound}
      {paused ? (
        <button
          type="button"
          className="button run-control"
          onClick={() => {
            onTap?.();
            onResume();
          }}
        >
          {labels.resume}
        </button>
      ) : (
        <button
          type="button"
          className="button secondary run-control"
          onClick={() => {
            onTap?.();
            onPause();
          }}
        >
          {labels.pause}
        </button>
      )}
      <button type="button" className="button danger run-control" onClick={() => dialog.current?.showModal()}>
        {labels.stop}
      </button>

      <dialog ref={dialog} className="run-dialog" aria-labelledby="stop-run-title" aria-describedby="stop-run-body">
        <h2 id="stop-run-title">{labels.stopTitle}</h2>
        <p id="stop-run-body">{labels.stopBody}</p>
        <div className="button-row">
          <button type="button" className="button secondary" autoFocus onClick={() => dialog.current?.close()}>
            {labels.stopCancel}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              dialog.current?.close();
              onStop();
            }}
          >
            {labels.stopConfirm}
          </button>
        </div>
      </dialog>
    </div>
  );
}
