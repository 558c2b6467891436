/**
 * The account tab of the phone's tab bar: who is signed in, the language, and signing out (on a desktop the
 * header has the last two).
 */
import type { Metadata } from "next";
import { LocaleSwitcher } from "../_components/locale-switcher";
import { SignOutButton } from "../_components/sign-out-button";
import { getDictionary } from "../_i18n/server";
import { requireSession } from "../_lib/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const [session, { locale, t }] = await Promise.all([requireSession("/account"), getDictionary()]);
  return (
    <>
      <h1>{t.account.title}</h1>
      <p className="meta">{t.account.signedInAs}</p>
      <p className="account-name">
        <strong>{session.user.name}</strong>
        <br />
        {session.user.email}
      </p>
      <div className="account-actions">
        <LocaleSwitcher current={locale} label={t.nav.language} />
        <SignOutButton label={t.nav.signOut} />
      </div>
    </>
  );
}
