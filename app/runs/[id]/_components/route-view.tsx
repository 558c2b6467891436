"use client";
/**
 * The route, as the SVG drawn by the server (children) until street tiles can replace it. The tile map is
 * tried once, when the route is near the screen and the runner has begun to use the page (first-interaction.ts
 * says why), and only if tiles are configured and the phone is online then: Leaflet is imported at that moment. The map lies over the SVG in the same reserved box and shows at
 * its first tile, so nothing moves; when no tile of the first view loads, it is removed and the SVG stays.
 * Going offline after the map is shown keeps it (the tiles already drawn stay).
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { MapTiles } from "@/app/_lib/map-tiles";
import { onFirstInteraction } from "./first-interaction";
import { routeLayers } from "./route-layers";
import type { LatLngPair } from "./route-projection";

type MapState = "svg" | "loading" | "map";

/** Start loading a little before the route scrolls into view, so the map is usually there when it does. */
const NEAR_SCREEN = "300px";

export interface RouteViewProps {
  tiles: MapTiles | null;
  route: LatLngPair[][];
  /** Holes in the recording counted as straight lines (the record's `bridges`), drawn dashed. */
  bridges?: [LatLngPair, LatLngPair][];
  labels: { label: string; zoomIn: string; zoomOut: string };
  children: ReactNode;
}

export function RouteView({ tiles, route, bridges, labels, children }: RouteViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapElement = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<MapState>("svg");

  useEffect(() => {
    const layers = routeLayers(route, bridges);
    const target = box.current;
    if (!tiles || !layers || !target) return;
    let cancelled = false;
    let remove: (() => void) | undefined;
    const load = async () => {
      if (!navigator.onLine) return;
      setState("loading");
      try {
        const { showRouteMap } = await import("./leaflet-route-map");
        const element = mapElement.current;
        if (cancelled || !element) return;
        remove = showRouteMap(element, {
          tiles,
          layers,
          labels,
          onShown: () => !cancelled && setState("map"),
          onFailed: () => {
            remove?.();
            remove = undefined;
            if (!cancelled) setState("svg");
          },
        });
      } catch {
        // The chunk could not be fetched (offline after all, or a new deployment): the SVG stays.
        if (!cancelled) setState("svg");
      }
    };
    let near = false;
    let used = false;
    const loadWhenReady = () => {
      if (near && used && !cancelled) void load();
    };
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        near = true;
        loadWhenReady();
      },
      { rootMargin: NEAR_SCREEN },
    );
    observer.observe(target);
    const stopWaiting = onFirstInteraction(() => {
      used = true;
      loadWhenReady();
    });
    return () => {
      cancelled = true;
      observer.disconnect();
      stopWaiting();
      remove?.();
    };
    // The route and tiles of a page do not change while it is open; labels are strings from the server.
  }, [tiles, route, bridges, labels]);

  return (
    <div ref={box} className="route-view" data-testid="route-view" data-state={state}>
      {children}
      <div ref={mapElement} className="route-tile-map" data-testid="route-tile-map" />
    </div>
  );
}
