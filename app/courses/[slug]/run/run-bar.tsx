/**
 * The run screen's only chrome, in place of the site header: a way back to the course (not while running:
 * a stray tap would leave the coach mid-step; Stop is the way out then), the course's name, and the upload
 * badge when something waits to upload. Rendered by the server for a signed-out visitor too, so no hooks.
 */
import type { ReactNode } from "react";

export function RunBar({
  title,
  closeHref,
  closeLabel,
  children,
}: {
  title: string;
  /** Where the ✕ goes; none while a run is going. */
  closeHref: string | null;
  closeLabel: string;
  /** The upload state (the header's badge), when signed in. */
  children?: ReactNode;
}) {
  return (
    <div className="run-bar">
      {closeHref ? (
        <a className="run-bar-close" href={closeHref} aria-label={closeLabel}>
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          </svg>
        </a>
      ) : null}
      <h1 className="run-title">{title}</h1>
      {children}
    </div>
  );
}
