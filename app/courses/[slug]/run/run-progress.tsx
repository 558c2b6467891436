/**
 * The whole course as one bar (each step as wide as its share, coloured by kind, like the course page's
 * timeline) with a marker at the runner's position. For assistive technology it is a progress bar whose
 * value text names the step.
 */
import type { CourseStep } from "@/domain/coaching/schedule";
import type { StepNames } from "./run-screen";

export function RunProgress({
  steps,
  progress,
  label,
  stepNames,
}: {
  steps: readonly CourseStep[];
  /** 0..1 */
  progress: number;
  label: string;
  stepNames: StepNames;
}) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 10;
  const total = steps.reduce((sum, step) => sum + step.durationSeconds, 0);
  let current = steps.length - 1;
  for (let i = 0, start = 0; i < steps.length; start += steps[i]!.durationSeconds, i++) {
    if (progress * total < start + steps[i]!.durationSeconds) {
      current = i;
      break;
    }
  }
  const step = steps[current];
  return (
    <div
      className="run-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${Math.round(percent)} %${step ? ` · ${stepNames[step.type]}` : ""}`}
    >
      <div className="timeline timeline-full" aria-hidden="true">
        {steps.map((s, index) => (
          <span
            key={index}
            className={`timeline-segment step-${s.type}${index < current ? " is-done" : ""}`}
            style={{ flexGrow: s.durationSeconds / total }}
          />
        ))}
      </div>
      <span className="run-progress-marker" aria-hidden="true" style={{ left: `${percent}%` }} />
    </div>
  );
}
