// @ts-check
/**
 * Builds the service worker (app/sw.ts → public/sw.js) after `next build`, in Serwist's "configurator mode",
 * which works with the Turbopack build: `next build && serwist build`. It precaches the build's static
 * chunks, everything in public/ and the offline page. Course audio is not in public/ (it lives under
 * media/ and is downloaded per course), so no visitor precaches it.
 */
import { existsSync, readFileSync } from "node:fs";
import { serwist } from "@serwist/next/config";

/**
 * The offline page is rendered on request (the layout reads the session), so it is not among the
 * prerendered pages Serwist finds; it is precached by URL, versioned by the Next build it belongs to.
 */
const buildId = readFileSync(new URL("./.next/BUILD_ID", import.meta.url), "utf8").trim();

/**
 * The pages router serves only the tRPC endpoint (pages/api/trpc), but Next still builds its client
 * runtime (`/_app`, `/_error`, ~350 KB) that no page of ours ever loads: not worth precaching on every phone.
 */
const buildManifest = JSON.parse(readFileSync(new URL("./.next/build-manifest.json", import.meta.url), "utf8"));
const appRouterFiles = new Set([...buildManifest.rootMainFiles, ...buildManifest.polyfillFiles]);
const pagesRouterOnly = new Set(
  Object.values(buildManifest.pages)
    .flat()
    .filter((file) => !appRouterFiles.has(file)),
);
// Our transforms run before Serwist's own, which rewrites ".next/static/…" into "/_next/static/…".
const isPagesRouterOnly = (url) => [...pagesRouterOnly].some((file) => url.endsWith(file));

/**
 * Leaflet (the run page's map, its script and stylesheet) is fetched by the run page when it is online and
 * shows a map; precaching it would download it onto every phone, for a map that is never drawn offline.
 * Its chunks are recognised by a class name only Leaflet's code and sheet contain.
 */
const LEAFLET_MARKER = "leaflet-pane";
const isLeaflet = (url) => {
  const file = url.replace(/^\/?_next\//, ".next/");
  if (!/\.(js|css)$/.test(file) || !existsSync(file)) return false;
  return readFileSync(file, "utf8").includes(LEAFLET_MARKER);
};

export default await serwist({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  additionalPrecacheEntries: [{ url: "/~offline", revision: buildId }],
  manifestTransforms: [async (entries) => ({ manifest: entries.filter((entry) => !isPagesRouterOnly(entry.url) && !isLeaflet(entry.url)), warnings: [] })],
  esbuildOptions: {
    // A classic script rather than an ES module worker: Firefox only recently accepted module workers.
    format: "iife",
    // The worker uploads to the same URL as the pages (app/_lib/upload-url.ts), which Next inlines in theirs.
    define: { "process.env.NEXT_PUBLIC_UPLOAD_URL": JSON.stringify(process.env.NEXT_PUBLIC_UPLOAD_URL ?? "") },
  },
});
