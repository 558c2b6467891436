/**
 * A run's route small enough to ride along with every history card: at most `PREVIEW_MAX_POINTS` points in
 * all, coordinates rounded to `PREVIEW_DECIMALS` places (about a metre). A thumbnail of 72 px cannot show
 * more, and 20 cards of the record's full route (hundreds of points each) would weigh down every history page.
 * Computed once when the record is stored; gaps stay gaps, so the thumbnail draws what the run page draws.
 */
import { pathDistance } from "./distance";
import { simplifyLine, type RoutePoint } from "./simplify-route";
import { trimRouteEnds } from "./trim-route";
import { meters } from "./units";

export const PREVIEW_MAX_POINTS = 48;
export const PREVIEW_DECIMALS = 5;

/** Tolerances tried in turn (metres): the first whose result fits is kept, so the preview is as exact as it can be. */
const TOLERANCES = [5, 10, 20, 40, 80, 160, 320, 640, 1_280, 2_560];

const round = (value: number) => Number(value.toFixed(PREVIEW_DECIMALS));
const pointCount = (route: readonly RoutePoint[][]) => route.reduce((sum, line) => sum + line.length, 0);
const lineLength = (line: readonly RoutePoint[]) => pathDistance(line.map(([lat, lng]) => ({ lat, lng })));

/** Rounds and drops points that rounding made equal to the one before (a line of one point is no line). */
function quantize(line: readonly RoutePoint[]): RoutePoint[] {
  const out: RoutePoint[] = [];
  for (const [lat, lng] of line) {
    const point: RoutePoint = [round(lat), round(lng)];
    const previous = out.at(-1);
    if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) out.push(point);
  }
  return out;
}

/**
 * The route in at most `maxPoints` points. Each polyline is simplified with one tolerance, raised until the
 * whole fits; a route with more gaps than the budget has room for (every line keeps its two ends) keeps its
 * longest lines, in their order.
 */
export function routePreview(route: readonly (readonly RoutePoint[])[], maxPoints = PREVIEW_MAX_POINTS): RoutePoint[][] {
  let lines = route.map(quantize).filter((line) => line.length > 1);
  const maxLines = Math.floor(maxPoints / 2);
  if (lines.length > maxLines) {
    const longest = new Set(
      lines
        .map((line, index) => ({ index, length: lineLength(line) }))
        .sort((a, b) => b.length - a.length)
        .slice(0, maxLines)
        .map((entry) => entry.index),
    );
    lines = lines.filter((_, index) => longest.has(index));
  }
  if (pointCount(lines) <= maxPoints) return lines;
  for (const tolerance of TOLERANCES) {
    const simplified = lines.map((line) => simplifyLine(line, meters(tolerance)));
    if (pointCount(simplified) <= maxPoints) return simplified;
  }
  // Beyond 2.5 km of tolerance only the ends are left, which always fits the line budget above.
  return lines.map((line) => [line[0]!, line.at(-1)!]);
}

/**
 * Both pictures a history card may show: the whole route for its owner, and the route without its first and
 * last 200 m (trim-route.ts) for a friend when home privacy is on. Trimming the full route first and then
 * shrinking it is exactly the run page's cut; trimming a 48-point preview later would cut elsewhere.
 */
export interface RoutePreviews {
  whole: RoutePoint[][];
  endsTrimmed: RoutePoint[][];
}

export function routePreviews(route: readonly RoutePoint[][]): RoutePreviews {
  return { whole: routePreview(route), endsTrimmed: routePreview(trimRouteEnds(route.map((line) => [...line]))) };
}
