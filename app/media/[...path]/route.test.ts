/**
 * The media route with real requests against the real committed files: full responses, byte ranges as
 * `<audio>` sends them, and refusals for anything that is not a generated file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getMediaIndex, mediaRoot } from "@/server/media/media-index";
import { GET, HEAD } from "./route";

const firstTrack = getMediaIndex().music[0];
if (!firstTrack) throw new Error("media/index.json lists no music");
const relative = firstTrack.file;
const bytes = readFileSync(path.join(mediaRoot(), relative));
const size = bytes.length;

function call(segments: string[], headers: Record<string, string> = {}, handler = GET) {
  const request = new Request(`http://localhost/media/${segments.join("/")}`, { headers });
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("GET /media/*", () => {
  it("serves a whole file with its length and immutable caching", async () => {
    const response = await call(relative.split("/"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("content-length")).toBe(String(size));
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect((await body(response)).equals(bytes)).toBe(true);
  });

  it("answers a closed range with 206 and exactly those bytes", async () => {
    const response = await call(relative.split("/"), { range: "bytes=100-199" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(response.headers.get("content-length")).toBe("100");
    expect((await body(response)).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("answers an open-ended range to the end of the file", async () => {
    const response = await call(relative.split("/"), { range: "bytes=500-" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 500-${size - 1}/${size}`);
    expect((await body(response)).equals(bytes.subarray(500))).toBe(true);
  });

  it("answers a suffix range with the last bytes", async () => {
    const response = await call(relative.split("/"), { range: "bytes=-100" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${size - 100}-${size - 1}/${size}`);
    expect((await body(response)).equals(bytes.subarray(size - 100))).toBe(true);
  });

  it("clamps a range that runs past the end", async () => {
    const response = await call(relative.split("/"), { range: `bytes=${size - 10}-${size + 1000}` });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-length")).toBe("10");
  });

  it("refuses a range that starts past the end with 416", async () => {
    const response = await call(relative.split("/"), { range: `bytes=${size}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
    expect((await call(relative.split("/"), { range: "bytes=-0" })).status).toBe(416);
  });

  it("ignores a malformed or multi-part range and sends the whole file", async () => {
    for (const range of ["bytes=200-100", "items=0-10", "bytes=0-10,20-30"]) {
      const response = await call(relative.split("/"), { range });
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(size));
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await call(relative.split("/"), { range: "bytes=0-9" }, HEAD);
    expect(response.status).toBe(206);
    expect(response.headers.get("content-length")).toBe("10");
    expect(response.body).toBeNull();
  });

  it("refuses traversal and files the index does not list with 404", async () => {
    const folder = path.dirname(relative);
    const attempts = [
      ["..%2F..%2Fpackage.json"],
      ["../../package.json"],
      ["..", "..", "package.json"],
      ["..", "package.json"],
      ["index.json"],
      ["music", "walk.00000000.mp3"],
      [...folder.split("/"), `..%2F${path.basename(relative)}`],
      [`${relative}`.replace(".mp3", ".mp3.tmp")],
      ["%2Fetc%2Fpasswd"],
      ["/etc/passwd"],
    ];
    for (const segments of attempts) expect((await call(segments)).status, segments.join("/")).toBe(404);
  });
});
