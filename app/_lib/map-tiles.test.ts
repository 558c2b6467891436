import { describe, expect, it } from "vitest";
import { DEFAULT_TILE_URL, mapTiles, testTilesEnabled, tileImageSources, tileUrlProblem } from "./map-tiles";

describe("the map's tile source", () => {
  it("is OpenStreetMap's, credited with a link, when nothing is configured", () => {
    expect(mapTiles({})).toEqual({
      url: DEFAULT_TILE_URL,
      attribution: { text: "© OpenStreetMap contributors", href: "https://www.openstreetmap.org/copyright" },
      maxZoom: 19,
    });
  });

  it("is what the operator configured, and nothing when it is off", () => {
    const tiles = mapTiles({
      MAP_TILE_URL: "https://tiles.example.com/v1/{z}/{x}/{y}.png?key=abc",
      MAP_TILE_ATTRIBUTION: "© Example, © OpenStreetMap",
      MAP_TILE_ATTRIBUTION_URL: "https://example.com/credits",
      MAP_TILE_MAX_ZOOM: 18,
    });
    expect(tiles).toEqual({
      url: "https://tiles.example.com/v1/{z}/{x}/{y}.png?key=abc",
      attribution: { text: "© Example, © OpenStreetMap", href: "https://example.com/credits" },
      maxZoom: 18,
    });
    expect(mapTiles({ MAP_TILE_URL: "off" })).toBeNull();
  });

  it("refuses templates a browser could not use or a CSP could not name", () => {
    expect(tileUrlProblem("https://tile.example.com/{z}/{x}.png")).toMatch(/\{z\}, \{x\} and \{y\}/);
    expect(tileUrlProblem("tile.example.com/{z}/{x}/{y}.png")).toMatch(/http\(s\) URL or an absolute path/);
    expect(tileUrlProblem("//tile.example.com/{z}/{x}/{y}.png")).toMatch(/http\(s\) URL or an absolute path/);
    expect(tileUrlProblem("javascript:{z}{x}{y}")).not.toBeNull();
    expect(tileUrlProblem("https://{z}.example.com/{x}/{y}.png")).toMatch(/host name/);
    expect(tileUrlProblem("https://tiles.{s}.example.com/{z}/{x}/{y}.png")).toMatch(/host name/);
    expect(mapTiles({ MAP_TILE_URL: "https://{z}.example.com/{x}/{y}.png" })).toBeNull();
    expect(tileUrlProblem("https://{s}.tile.example.com/{z}/{x}/{y}{r}.png")).toBeNull();
    expect(tileUrlProblem("/test-tiles/{z}/{x}/{y}")).toBeNull();
    expect(tileUrlProblem("off")).toBeNull();
  });
});

describe("the tiles' image sources for the CSP", () => {
  it("are the template's origin only", () => {
    expect(tileImageSources(undefined)).toEqual(["https://tile.openstreetmap.org"]);
    expect(tileImageSources("http://LOCALHOST:3340/test-tiles/{z}/{x}/{y}")).toEqual(["http://localhost:3340"]);
  });

  it("name {s} subdomains with one wildcard label, no broader", () => {
    expect(tileImageSources("https://{s}.tile.example.com/{z}/{x}/{y}.png")).toEqual(["https://*.tile.example.com"]);
  });

  it("are none for tiles on the page's own origin, no map, or a template that would be refused", () => {
    expect(tileImageSources("/test-tiles/{z}/{x}/{y}")).toEqual([]);
    expect(tileImageSources("off")).toEqual([]);
    expect(tileImageSources("https://example.com/tiles")).toEqual([]);
  });
});

describe("the placeholder tiles", () => {
  it("answer only when MAP_TILE_URL points at them", () => {
    expect(testTilesEnabled("http://localhost:3100/test-tiles/{z}/{x}/{y}")).toBe(true);
    expect(testTilesEnabled("/test-tiles/{z}/{x}/{y}")).toBe(true);
    expect(testTilesEnabled(undefined)).toBe(false);
    expect(testTilesEnabled("off")).toBe(false);
    expect(testTilesEnabled("https://tile.example.com/test/{z}/{x}/{y}")).toBe(false);
  });
});
