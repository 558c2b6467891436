/** The tab bar's icons: 24 px line drawings in the text colour, hidden from assistive technology (the label says it). */
import type { TabId } from "./current-tab";

const PATHS: Record<TabId, string> = {
  // A route with a flag at its end.
  courses: "M5 21V4m0 0h10l-2 3.5L15 11H5M5 17c3 0 4-2 7-2s4 2 7 2",
  // A calendar.
  history: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h2M14 14h2M8 17h2",
  // Two people.
  friends: "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20c.5-3.5 3-5.5 6.5-5.5s6 2 6.5 5.5M16 4.3a3.5 3.5 0 0 1 0 6.4M18 14.8c2 .7 3.2 2.5 3.5 5.2",
  // A person in a circle.
  account: "M12 12.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM5.8 18.6c1.3-2 3.5-3.1 6.2-3.1s4.9 1.1 6.2 3.1M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
};

export function TabIcon({ tab }: { tab: TabId }) {
  return (
    <svg className="tab-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[tab]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
