/**
 * Placeholder map tiles, so tests and screenshots draw the run page's map without reaching the internet.
 * Answers only when MAP_TILE_URL points here (e.g. http://localhost:3100/test-tiles/{z}/{x}/{y}); otherwise
 * 404, as if the route did not exist. Any coordinates in range give a tile; the picture is the same grid.
 */
import { testTilesEnabled } from "@/app/_lib/map-tiles";
import { env } from "@/server/env";
import { placeholderTile } from "../../../placeholder-tile";

type Params = Promise<{ z: string; x: string; y: string }>;

const coordinate = (value: string) => (/^\d{1,7}$/.test(value) ? Number(value) : null);

export async function GET(_request: Request, { params }: { params: Params }) {
  if (!testTilesEnabled(env().MAP_TILE_URL)) return new Response("Not found", { status: 404 });
  const { z, x, y } = await params;
  const [zoom, column, row] = [coordinate(z), coordinate(x), coordinate(y)];
  if (zoom === null || column === null || row === null || zoom > 22 || column >= 2 ** zoom || row >= 2 ** zoom) {
    return new Response("Not a tile", { status: 400 });
  }
  return new Response(new Uint8Array(placeholderTile(column, row)), {
    headers: { "content-type": "image/png", "cache-control": "public, max-age=3600" },
  });
}
