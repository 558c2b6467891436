/**
 * A course as one bar: each step a segment as wide as its share of the time, coloured by kind, so the
 * walk/run structure reads at a glance. The bar is one image for assistive technology; the step list
 * beside it carries the details.
 */
import type { StepType } from "@/domain/coaching/step-types";
import type { Dictionary } from "../_i18n/en";
import { formatDuration } from "../_lib/format";

export interface TimelineStep {
  type: StepType;
  durationSeconds: number;
}

export function CourseTimeline({
  steps,
  t,
  size = "compact",
}: {
  steps: TimelineStep[];
  t: Dictionary;
  size?: "compact" | "full";
}) {
  const total = steps.reduce((sum, step) => sum + step.durationSeconds, 0);
  const summary = steps.map((step) => `${t.steps[step.type]} ${formatDuration(step.durationSeconds, t.units)}`).join(", ");
  if (size === "compact") {
    // In a list of many courses, one element per course (a gradient) instead of one per step keeps the page light.
    return (
      <div
        className="timeline timeline-compact"
        role="img"
        aria-label={`${t.course.timeline}: ${summary}`}
        style={{ backgroundImage: timelineGradient(steps, total) }}
      />
    );
  }
  return (
    <div className={`timeline timeline-${size}`} role="img" aria-label={`${t.course.timeline}: ${summary}`}>
      {steps.map((step, index) => (
        <span
          key={index}
          className={`timeline-segment step-${step.type}`}
          style={{ flexGrow: step.durationSeconds / total }}
        />
      ))}
    </div>
  );
}

/** Hard-stop gradient: each step a band as wide as its share, with a thin white gap between bands. */
function timelineGradient(steps: TimelineStep[], total: number): string {
  const stops: string[] = [];
  let start = 0;
  for (const step of steps) {
    const end = start + (step.durationSeconds / total) * 100;
    const colour = `var(--step-${step.type})`;
    stops.push(`${colour} ${start.toFixed(2)}%`, `${colour} ${Math.max(start, end - 0.4).toFixed(2)}%`, `#fff ${Math.max(start, end - 0.4).toFixed(2)}%`, `#fff ${end.toFixed(2)}%`);
    start = end;
  }
  return `linear-gradient(to right, ${stops.join(", ")})`;
}

/** The colour key for the timeline. */
export function TimelineLegend({ types, t }: { types: StepType[]; t: Dictionary }) {
  return (
    <ul className="timeline-legend">
      {[...new Set(types)].map((type) => (
        <li key={type}>
          <span className={`legend-swatch step-${type}`} aria-hidden="true" />
          {t.steps[type]}
        </li>
      ))}
    </ul>
  );
}
