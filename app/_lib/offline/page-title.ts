/** The course title from the stored page's first heading, for lists of downloaded courses while offline. */
export function titleFromPageHtml(html: string, fallback: string): string {
  if (typeof DOMParser === "undefined") return fallback;
  const heading = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
  const text = heading?.textContent?.replace(/\s+/g, " ").trim();
  return text || fallback;
}
