/**
 * The route in screen coordinates for an SVG box: an equirectangular projection around the route's mean
 * latitude (east-west shrunk by its cosine), scaled to fit with the aspect kept, then thinned so no two
 * consecutive drawn points are closer than `minStep` pixels. An hour at 1 Hz is 3,600 points on a 320-pixel
 * map: most would land on the same pixel and only weigh down the HTML (and its RSC copy).
 */
export type LatLngPair = [lat: number, lng: number];
export type ScreenPoint = readonly [x: number, y: number];

export interface ProjectedRoute {
  segments: ScreenPoint[][];
  /** Straight lines across stretches with no fixes, to draw dashed (RunRecord.bridges). */
  bridges: [ScreenPoint, ScreenPoint][];
  start: ScreenPoint;
  finish: ScreenPoint;
  /** Points of the route before thinning (what the viewer is shown of the run). */
  sourcePoints: number;
}

export function projectRoute(
  route: readonly LatLngPair[][],
  box: { width: number; height: number; pad: number },
  minStep = 1,
  bridges: readonly (readonly [LatLngPair, LatLngPair])[] = [],
): ProjectedRoute | null {
  const lines = route.filter((segment) => segment.length > 0);
  const all = lines.flat();
  const first = all[0];
  const last = all.at(-1);
  if (!first || !last) return null;
  let latSum = 0;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lat] of all) latSum += lat;
  const kx = Math.cos(((latSum / all.length) * Math.PI) / 180);
  for (const [lat, lng] of all) {
    const x = lng * kx;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (lat < minY) minY = lat;
    if (lat > maxY) maxY = lat;
  }
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min(
    (box.width - 2 * box.pad) / Math.max(maxX - minX, span * 1e-3),
    (box.height - 2 * box.pad) / Math.max(maxY - minY, span * 1e-3),
  );
  const offsetX = (box.width - (maxX - minX) * scale) / 2;
  const offsetY = (box.height - (maxY - minY) * scale) / 2;
  const project = ([lat, lng]: LatLngPair): ScreenPoint => [offsetX + (lng * kx - minX) * scale, box.height - (offsetY + (lat - minY) * scale)];

  const segments = lines.map((line) => {
    const drawn: ScreenPoint[] = [];
    line.forEach((point, index) => {
      const p = project(point);
      const previous = drawn.at(-1);
      const isLast = index === line.length - 1;
      if (!previous || isLast || Math.hypot(p[0] - previous[0], p[1] - previous[1]) >= minStep) drawn.push(p);
    });
    return drawn;
  });
  const projectedBridges = bridges.map(([from, to]): [ScreenPoint, ScreenPoint] => [project(from), project(to)]);
  return { segments, bridges: projectedBridges, start: project(first), finish: project(last), sourcePoints: all.length };
}
