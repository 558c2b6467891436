/**
 * A small bar chart drawn as SVG on the server: no script, no network. The bars are one image for
 * assistive technology, described by `label` and the per-bar titles.
 */
export interface Bar {
  label: string;
  value: number;
  /** Shown in the bar's tooltip and accessible name, e.g. "12.3 km". */
  valueText: string;
  /**
   * Drawn above the bar when there are too many bars for `valueText` to fit (a number of four characters or
   * so, e.g. "12.3", with the unit said once by the chart's heading). Empty draws nothing.
   */
  shortValue?: string;
}

const WIDTH = 320;
const HEIGHT = 150;
const AXIS = 20;
/** Room above the tallest bar for its value. */
const TOP = 16;

/** Keeps a centred label of a few characters inside the box: the last week's "11/16" was cut in half, Korean's "11. 30." by its dot. */
const LABEL_HALF_WIDTH = 17;
const labelX = (center: number) => Math.min(Math.max(center, LABEL_HALF_WIDTH), WIDTH - LABEL_HALF_WIDTH);

export function BarChart({ bars, label }: { bars: Bar[]; label: string }) {
  const max = Math.max(...bars.map((bar) => bar.value), 0);
  const slot = WIDTH / Math.max(bars.length, 1);
  const summary = bars.map((bar) => `${bar.label}: ${bar.valueText}`).join(", ");
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label}. ${summary}`}>
      {bars.map((bar, index) => {
        const height = max > 0 ? ((HEIGHT - AXIS - TOP) * bar.value) / max : 0;
        const x = index * slot + slot * 0.15;
        return (
          <g key={`${bar.label}-${index}`}>
            <title>{`${bar.label}: ${bar.valueText}`}</title>
            <rect className="chart-bar" x={x} y={HEIGHT - AXIS - height} width={slot * 0.7} height={height} rx={3} />
            {bar.value > 0 && (bars.length <= 8 || bar.shortValue) && (
              <text className="chart-label chart-value" x={x + slot * 0.35} y={HEIGHT - AXIS - height - 4} textAnchor="middle">
                {bars.length <= 8 ? bar.valueText : bar.shortValue}
              </text>
            )}
            {/* More than eight labels do not fit a phone's width: every other one, the newest always. */}
            {(bars.length <= 8 || (bars.length - 1 - index) % 2 === 0) && (
              <text className="chart-label" x={labelX(x + slot * 0.35)} y={HEIGHT - 6} textAnchor="middle">
                {bar.label}
              </text>
            )}
          </g>
        );
      })}
      <line className="chart-axis" x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} />
    </svg>
  );
}
