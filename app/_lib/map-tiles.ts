/**
 * The raster tile source of the run page's map (MAP_TILE_URL and friends, read at run time by the server, not
 * inlined at build time, so one build can point at any tile service or none). Pure: the environment check
 * (server/env.ts), the page's CSP (server/security-headers.ts) and the page itself all read it through here.
 *
 * A template is an http(s) URL or an absolute path with `{z}`, `{x}` and `{y}`; `{s}` may only be the first
 * label of the host (a subdomain a server spreads its load over), `{r}` only in the path. "off" draws no map.
 */

/** OpenStreetMap's own tiles: fine for a demo, not for a big deployment (README: "Map tiles"). */
export const DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors";
export const DEFAULT_TILE_ATTRIBUTION_URL = "https://www.openstreetmap.org/copyright";
export const DEFAULT_TILE_MAX_ZOOM = 19;

/** The app's own placeholder tiles (app/test-tiles/), which answer only when MAP_TILE_URL points at them. */
export const TEST_TILES_PATH = "/test-tiles/";

export interface MapTiles {
  /** A Leaflet URL template. */
  url: string;
  attribution: { text: string; href: string };
  maxZoom: number;
}

export interface MapTileSettings {
  MAP_TILE_URL?: string;
  MAP_TILE_ATTRIBUTION?: string;
  MAP_TILE_ATTRIBUTION_URL?: string;
  MAP_TILE_MAX_ZOOM?: number;
}

/** Why a MAP_TILE_URL cannot be used, or null when it can ("off" can). */
export function tileUrlProblem(template: string): string | null {
  if (template === "off") return null;
  if (!["{z}", "{x}", "{y}"].every((part) => template.includes(part))) return "a template with {z}, {x} and {y}, or off";
  const absolute = /^https?:\/\//i.test(template);
  if (!absolute && !/^\/(?!\/)/.test(template)) return "an http(s) URL or an absolute path (or off)";
  if (!absolute) return null;
  const host = template.replace(/^https?:\/\//i, "").split("/")[0]!;
  if (!/^(\{s\}\.)?[\w.-]+(:\d{1,5})?$/.test(host)) return "a host name without placeholders (but a leading {s}.)";
  return null;
}

/** The tile source the page draws from, or null for no map (off, or a setting env() would have refused). */
export function mapTiles(settings: MapTileSettings): MapTiles | null {
  const url = settings.MAP_TILE_URL?.trim() || DEFAULT_TILE_URL;
  if (url === "off" || tileUrlProblem(url)) return null;
  return {
    url,
    attribution: {
      text: settings.MAP_TILE_ATTRIBUTION?.trim() || DEFAULT_TILE_ATTRIBUTION,
      href: settings.MAP_TILE_ATTRIBUTION_URL?.trim() || DEFAULT_TILE_ATTRIBUTION_URL,
    },
    maxZoom: settings.MAP_TILE_MAX_ZOOM ?? DEFAULT_TILE_MAX_ZOOM,
  };
}

/**
 * What the page's img-src must allow for the tiles: the template's origin (its `{s}` subdomains as one
 * wildcard label, CSP's narrowest way to say them), nothing for a path on this origin or no map.
 */
export function tileImageSources(template: string | undefined): string[] {
  const tiles = mapTiles({ MAP_TILE_URL: template });
  if (!tiles || tiles.url.startsWith("/")) return [];
  const [, scheme, host] = /^(https?):\/\/([^/]+)/i.exec(tiles.url)!;
  return [`${scheme!.toLowerCase()}://${host!.toLowerCase().replace(/^\{s\}\./, "*.")}`];
}

/** Whether the app's placeholder tiles should answer: MAP_TILE_URL points at them (tests, screenshots). */
export function testTilesEnabled(template: string | undefined): boolean {
  const tiles = mapTiles({ MAP_TILE_URL: template });
  if (!tiles) return false;
  const path = tiles.url.startsWith("/") ? tiles.url : tiles.url.replace(/^https?:\/\/[^/]+/i, "");
  return path.startsWith(TEST_TILES_PATH);
}
