import Link from "next/link";
import { getDictionary } from "../_i18n/server";
import { getSession } from "../_lib/session";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutButton } from "./sign-out-button";
import { UploadBadge } from "./upload-badge";

export async function SiteHeader() {
  const [session, { locale, t }] = await Promise.all([getSession(), getDictionary()]);
  return (
    <header className="site-header">
      <Link href="/courses" className="brand">
        RunCoach
      </Link>
      <nav aria-label={t.nav.main}>
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
        <LocaleSwitcher current={locale} label={t.nav.language} />
      </nav>
      {session && <UploadBadge labels={{ waitingOne: t.uploads.waitingOne, waitingMany: t.uploads.waitingMany }} />}
    </header>
  );
}
