/** Only same-site paths, so a crafted link cannot send a runner elsewhere after signing in. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/courses";
}
