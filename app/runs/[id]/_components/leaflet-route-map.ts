/**
 * The route on street tiles, with Leaflet. Only ever imported dynamically (route-view.tsx), so Leaflet and its
 * stylesheet are a chunk of their own that the run page fetches when it is online, and no other page has.
 *
 * The map says when it can replace the SVG: `onShown` at the first tile that loads, `onFailed` when the first
 * view's tiles are all settled and none loaded (tile server down, blocked, or the phone went offline).
 * For a page that scrolls: no wheel zoom, and no one-finger dragging on a touch screen (the page scrolls
 * under the finger); the zoom buttons, pinch and the keyboard (arrows, +/-) still move the map.
 */
import "leaflet/dist/leaflet.css";
import * as L from "leaflet";
import type { MapTiles } from "@/app/_lib/map-tiles";
import type { RouteLayers, RouteLineKind } from "./route-layers";

/** Same classes as the SVG route (globals.css), so both draw the route alike. */
const LINE_STYLE: Record<RouteLineKind, L.PolylineOptions> = {
  recorded: { className: "route-line", interactive: false },
  bridge: { className: "route-bridge", interactive: false },
};
const MARKER: L.CircleMarkerOptions = { radius: 7, interactive: false };

export interface RouteMapOptions {
  tiles: MapTiles;
  layers: RouteLayers;
  labels: { label: string; zoomIn: string; zoomOut: string };
  onShown: () => void;
  onFailed: () => void;
}

/** Draws the map into `container`; the returned function removes it. */
export function showRouteMap(container: HTMLElement, { tiles, layers, labels, onShown, onFailed }: RouteMapOptions): () => void {
  const map = L.map(container, {
    scrollWheelZoom: false,
    dragging: !L.Browser.mobile,
    zoomControl: false,
    attributionControl: false,
  });
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  L.control.attribution({ prefix: false }).addAttribution(attributionHtml(tiles.attribution)).addTo(map);
  // Leaflet makes the container focusable for its keyboard panning; give that stop a name.
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", labels.label);

  let loaded = 0;
  let settled = false;
  const layer = L.tileLayer(tiles.url, { maxZoom: tiles.maxZoom });
  layer.on("tileload", () => {
    loaded += 1;
    if (loaded === 1) onShown();
  });
  // "load": every tile of the view has either loaded or failed.
  layer.on("load", () => {
    if (settled) return;
    settled = true;
    if (loaded === 0) onFailed();
  });
  layer.addTo(map);

  for (const line of layers.lines) L.polyline(line.points, LINE_STYLE[line.kind]).addTo(map);
  L.circleMarker(layers.start, { ...MARKER, className: "route-start" }).addTo(map);
  L.circleMarker(layers.finish, { ...MARKER, className: "route-finish" }).addTo(map);
  map.fitBounds(layers.bounds, { padding: [20, 20], maxZoom: Math.min(17, tiles.maxZoom) });
  return () => {
    map.remove();
    container.removeAttribute("role");
    container.removeAttribute("aria-label");
  };
}

function attributionHtml({ text, href }: MapTiles["attribution"]): string {
  const link = document.createElement("a");
  link.href = href;
  link.textContent = text;
  link.rel = "noopener";
  link.target = "_blank";
  return link.outerHTML;
}
