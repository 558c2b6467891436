/**
 * The route as SVG polylines with no map tiles, so it draws without a network: an equirectangular
 * projection around the route's mean latitude (east-west shrunk by its cosine), scaled to fit the box with
 * the route's aspect kept. Each gap (pause, jump, lost signal) starts a new polyline; start and finish are
 * marked.
 */
type Route = [lat: number, lng: number][][];

const WIDTH = 320;
const HEIGHT = 240;
const PAD = 14;

export function RouteMap({ route, labels }: { route: Route; labels: { title: string; start: string; finish: string } }) {
  const segments = route.filter((segment) => segment.length > 0);
  const all = segments.flat();
  const first = all[0];
  const last = all.at(-1);
  if (!first || !last) return null;
  const meanLat = all.reduce((sum, [lat]) => sum + lat, 0) / all.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const xs = all.map(([, lng]) => lng * kx);
  const ys = all.map(([lat]) => lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(maxX - minX, span * 1e-3), (HEIGHT - 2 * PAD) / Math.max(maxY - minY, span * 1e-3));
  const offsetX = (WIDTH - (maxX - minX) * scale) / 2;
  const offsetY = (HEIGHT - (maxY - minY) * scale) / 2;
  const project = ([lat, lng]: [number, number]) =>
    [offsetX + (lng * kx - minX) * scale, HEIGHT - (offsetY + (lat - minY) * scale)] as const;
  const [startX, startY] = project(first);
  const [finishX, finishY] = project(last);
  return (
    <svg className="route-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={labels.title}>
      {segments.map((segment, index) => (
        <polyline
          key={index}
          className="route-line"
          data-testid="route-segment"
          points={segment.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join(" ")}
        />
      ))}
      <circle className="route-start" cx={startX} cy={startY} r={6}>
        <title>{labels.start}</title>
      </circle>
      <circle className="route-finish" cx={finishX} cy={finishY} r={6}>
        <title>{labels.finish}</title>
      </circle>
    </svg>
  );
}
