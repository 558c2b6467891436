"use client";
/**
 * The phone's navigation, at the bottom where a thumb reaches (as running apps put it): Courses, History,
 * Friends and the account (or sign-in), each an icon over its label, the current one marked. Hidden from
 * 768 px up, where the header's top bar has the same links, and on the run screen, which takes the whole
 * screen (globals.css). A client component only to know the current path.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentTab, type TabId } from "./current-tab";
import { TabIcon } from "./tab-icons";

export interface TabBarItem {
  tab: TabId;
  href: string;
  label: string;
}

export function TabBar({ items, label }: { items: readonly TabBarItem[]; label: string }) {
  const current = currentTab(usePathname() ?? "");
  return (
    <nav className="tab-bar" aria-label={label} data-testid="tab-bar">
      <ul>
        {items.map((item) => (
          <li key={item.tab}>
            <Link href={item.href} aria-current={item.tab === current ? "page" : undefined}>
              <TabIcon tab={item.tab} />
              <span>{item.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
