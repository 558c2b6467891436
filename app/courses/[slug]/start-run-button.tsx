/**
 * The way into a run from the course page: a plain link to the run screen, which does the starting (and
 * resumes a run already in progress). A full navigation, so offline the service worker can answer it with
 * the downloaded run screen.
 */
export interface StartRunLabels {
  start: string;
  signInToStart: string;
}

export function StartRunButton(props: { courseSlug: string; signedIn: boolean; labels: StartRunLabels }) {
  const { courseSlug, signedIn, labels } = props;
  const runPath = `/courses/${encodeURIComponent(courseSlug)}/run`;
  if (!signedIn) {
    return (
      <a className="button" href={`/sign-in?next=${encodeURIComponent(runPath)}`}>
        {labels.signInToStart}
      </a>
    );
  }
  return (
    <a className="button" href={runPath}>
      {labels.start}
    </a>
  );
}
