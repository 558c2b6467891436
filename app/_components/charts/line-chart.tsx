/**
 * A small line chart drawn as SVG on the server: y over x, scaled to the box, with the y range written at
 * the left. `invert` puts small values at the top (a faster pace is better). One image for assistive
 * technology, described by `label`.
 */
export interface LinePoint {
  x: number;
  y: number;
}

const WIDTH = 320;
const HEIGHT = 140;
const LEFT = 44;
const PAD = 8;

export function LineChart({
  points,
  label,
  formatY,
  invert = false,
}: {
  points: LinePoint[];
  label: string;
  formatY: (value: number) => string;
  invert?: boolean;
}) {
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  let [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  if (maxY - minY < 1e-9) [minY, maxY] = [minY - 1, maxY + 1];
  const sx = (x: number) => LEFT + (maxX > minX ? ((x - minX) / (maxX - minX)) * (WIDTH - LEFT - PAD) : (WIDTH - LEFT - PAD) / 2);
  const sy = (y: number) => {
    const share = (y - minY) / (maxY - minY);
    return PAD + (invert ? share : 1 - share) * (HEIGHT - 2 * PAD);
  };
  const path = points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
  const top = invert ? minY : maxY;
  const bottom = invert ? maxY : minY;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${label}: ${formatY(Math.min(...ys))} – ${formatY(Math.max(...ys))}`}
    >
      <text className="chart-label" x={LEFT - 4} y={PAD + 4} textAnchor="end">
        {formatY(top)}
      </text>
      <text className="chart-label" x={LEFT - 4} y={HEIGHT - PAD} textAnchor="end">
        {formatY(bottom)}
      </text>
      <line className="chart-axis" x1={LEFT} x2={LEFT} y1={PAD} y2={HEIGHT - PAD} />
      {points.length === 1 ? (
        <circle className="chart-dot" cx={sx(points[0]!.x)} cy={sy(points[0]!.y)} r={3} />
      ) : (
        <polyline className="chart-line" points={path} />
      )}
    </svg>
  );
}
