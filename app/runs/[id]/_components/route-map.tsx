/**
 * The route as SVG polylines with no map tiles, so it draws without a network. Each gap (pause, jump, lost
 * signal) starts a new polyline; a stretch with no fixes whose straight line was counted is drawn dashed
 * between them; start and finish are marked. `data-meters` says how much of the route the
 * viewer was given (less for a friend when home privacy trims the ends), `data-points` and `data-drawn` how
 * many points that is and how many are drawn.
 */
import { pathDistance } from "@/domain/geo/distance";
import { projectRoute, type LatLngPair } from "./route-projection";

const routeMeters = (route: LatLngPair[][]) =>
  route.reduce((sum, line) => sum + pathDistance(line.map(([lat, lng]) => ({ lat, lng }))), 0);

const BOX = { width: 320, height: 240, pad: 14 };

export function RouteMap({
  route,
  bridges = [],
  labels,
}: {
  route: LatLngPair[][];
  bridges?: [LatLngPair, LatLngPair][];
  labels: { title: string; start: string; finish: string };
}) {
  const projected = projectRoute(route, BOX, 1, bridges);
  if (!projected) return null;
  const drawn = projected.segments.reduce((sum, segment) => sum + segment.length, 0);
  const coordinates = (points: readonly (readonly [number, number])[]) => points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  return (
    <svg
      className="route-map"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      role="img"
      aria-label={labels.title}
      data-testid="route-map"
      data-meters={Math.round(routeMeters(route))}
      data-points={projected.sourcePoints}
      data-drawn={drawn}
    >
      {projected.bridges.map((bridge, index) => (
        <polyline key={`bridge-${index}`} className="route-bridge" data-testid="route-bridge" points={coordinates(bridge)} />
      ))}
      {projected.segments.map((segment, index) => (
        <polyline key={index} className="route-line" data-testid="route-segment" points={coordinates(segment)} />
      ))}
      <circle className="route-start" cx={projected.start[0]} cy={projected.start[1]} r={6}>
        <title>{labels.start}</title>
      </circle>
      <circle className="route-finish" cx={projected.finish[0]} cy={projected.finish[1]} r={6}>
        <title>{labels.finish}</title>
      </circle>
    </svg>
  );
}
