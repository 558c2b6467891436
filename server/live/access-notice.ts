/**
 * The notice that live access may have been taken away, as it travels on the deployment's one Redis channel
 * (`LiveKeys.accessChanges`): only the user ids involved, no reason. Each app server's hub (live-hub.ts) hands
 * it to the follow streams whose viewer or runner it names, and they run followableRun again, which stays the
 * one place access is decided (access-watch.ts). Sent by announce-access-change.ts.
 */

/** The most user ids a notice may name (a change names one or two). */
export const MAX_NOTICE_USERS = 16;

export function accessNotice(userIds: readonly string[]): string {
  return JSON.stringify({ userIds: [...new Set(userIds)].slice(0, MAX_NOTICE_USERS) });
}

/** The user ids a notice names, or null for anything that is not a notice. */
export function parseAccessNotice(payload: string): string[] | null {
  try {
    const value = JSON.parse(payload) as { userIds?: unknown } | null;
    const ids = value?.userIds;
    if (!Array.isArray(ids) || ids.length > MAX_NOTICE_USERS || !ids.every((id) => typeof id === "string")) return null;
    return ids as string[];
  } catch {
    return null;
  }
}
