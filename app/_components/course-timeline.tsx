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
