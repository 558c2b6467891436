import type { MetadataRoute } from "next";

/** The web app manifest (served at /manifest.webmanifest): what makes RunCoach installable. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "RunCoach",
    short_name: "RunCoach",
    description: "Guided running courses with a voice coach, offline, with every run recorded.",
    id: "/",
    start_url: "/courses",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: "#0b5d3b",
    background_color: "#fafafa",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
