import Link from "next/link";
import { getDictionary } from "../_i18n/server";
import { getSession } from "../_lib/session";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutButton } from "./sign-out-button";
import { TabBar, type TabBarItem } from "./tab-bar";
import { UploadBadge } from "./upload-badge";

/**
 * The top bar: on a desktop the brand, the sections, sign out and the language; on a phone (below 768 px,
 * globals.css) one row of brand, upload badge and language, the sections being in the bottom tab bar.
 */
export async function SiteHeader() {
  const [session, { locale, t }] = await Promise.all([getSession(), getDictionary()]);
  return (
    <header className="site-header">
      <Link href="/courses" className="brand">
        RunCoach
      </Link>
      {session && <UploadBadge labels={{ waitingOne: t.uploads.waitingOne, waitingMany: t.uploads.waitingMany }} />}
      <nav aria-label={t.nav.main}>
        <span className="site-nav-links">
          <Link href="/courses">{t.nav.courses}</Link>
          {session ? (
            <>
              <Link href="/history">{t.nav.history}</Link>
              <Link href="/friends">{t.nav.friends}</Link>
              <SignOutButton label={t.nav.signOut} />
            </>
          ) : (
            <Link href="/sign-in">{t.nav.signIn}</Link>
          )}
        </span>
        <LocaleSwitcher current={locale} label={t.nav.language} />
      </nav>
    </header>
  );
}

/** The phone's bottom tab bar: the same sections as the top bar, the account page in place of sign out. */
export async function SiteTabBar() {
  const [session, { t }] = await Promise.all([getSession(), getDictionary()]);
  const items: TabBarItem[] = session
    ? [
        { tab: "courses", href: "/courses", label: t.nav.courses },
        { tab: "history", href: "/history", label: t.nav.history },
        { tab: "friends", href: "/friends", label: t.nav.friends },
        { tab: "account", href: "/account", label: t.tabs.account },
      ]
    : [
        { tab: "courses", href: "/courses", label: t.nav.courses },
        { tab: "account", href: "/sign-in", label: t.nav.signIn },
      ];
  return <TabBar items={items} label={t.tabs.label} />;
}
