/**
 * The account tab of the phone's tab bar: who is signed in, and signing out (which a desktop has in the
 * header; the language stays in the header on both).
 */
import type { Metadata } from "next";
import { SignOutButton } from "../_components/sign-out-button";
import { getDictionary } from "../_i18n/server";
import { requireSession } from "../_lib/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const [session, { t }] = await Promise.all([requireSession("/account"), getDictionary()]);
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
        <SignOutButton label={t.nav.signOut} />
      </div>
    </>
  );
}
