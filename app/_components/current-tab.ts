/** Which bottom tab a path belongs to: a run's page sits under History, signing up under the account tab. */
export type TabId = "courses" | "history" | "friends" | "account";

const TAB_ROOTS: readonly [prefix: string, tab: TabId][] = [
  ["/courses", "courses"],
  ["/history", "history"],
  ["/runs", "history"],
  ["/friends", "friends"],
  ["/account", "account"],
  ["/sign-in", "account"],
  ["/sign-up", "account"],
];

export function currentTab(pathname: string): TabId | null {
  for (const [prefix, tab] of TAB_ROOTS) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return tab;
  }
  return null;
}
