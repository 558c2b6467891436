/**
 * A history card's small picture of the run's route, drawn on the server from the preview the history query
 * carries (domain/geo/route-preview.ts): no map tiles, no network, no script. Decorative: the card's words
 * say what the run was, so the picture is hidden from assistive technology. A run without a route to show
 * (no GPS, or a friend's short run that home privacy hides entirely) keeps the same empty frame, so the
 * cards stay aligned.
 */
import { projectRoute, type LatLngPair } from "@/app/runs/[id]/_components/route-projection";

const BOX = { width: 72, height: 72, pad: 7 };

/** Whole pixels: at 72 px nothing finer shows, and each card's picture is sent twice (HTML and its RSC copy). */
const coordinates = (points: readonly (readonly [number, number])[]) => points.map(([x, y]) => `${Math.round(x)},${Math.round(y)}`).join(" ");
const pixel = (value: number) => Math.round(value);

export function RouteThumbnail({ route }: { route: LatLngPair[][] }) {
  const projected = projectRoute(route, BOX);
  return (
    <svg
      className="route-thumbnail"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      width={BOX.width}
      height={BOX.height}
      aria-hidden="true"
      data-testid="route-thumbnail"
      data-points={projected?.sourcePoints ?? 0}
    >
      {projected && (
        <>
          {projected.segments.map((segment, index) => (
            <polyline key={index} className="route-line" points={coordinates(segment)} />
          ))}
          <circle className="route-start" cx={pixel(projected.start[0])} cy={pixel(projected.start[1])} r={3.5} />
          <circle className="route-finish" cx={pixel(projected.finish[0])} cy={pixel(projected.finish[1])} r={3.5} />
        </>
      )}
    </svg>
  );
}
