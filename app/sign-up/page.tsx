import type { Metadata } from "next";
import Link from "next/link";
import { getDictionary } from "../_i18n/server";
import { safeNext } from "../_lib/safe-next";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.auth.signUpTitle };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [{ next }, { t }] = await Promise.all([searchParams, getDictionary()]);
  return (
    <>
      <h1>{t.auth.signUpTitle}</h1>
      <SignUpForm
        next={safeNext(next)}
        labels={{
          name: t.auth.name,
          username: t.auth.username,
          usernameHint: t.auth.usernameHint,
          email: t.auth.email,
          newPassword: t.auth.newPassword,
          createAccount: t.auth.createAccount,
          creating: t.auth.creating,
          failed: t.auth.signUpFailed,
        }}
      />
      <p>
        {t.auth.haveAccount} <Link href="/sign-in">{t.auth.signInTitle}</Link>
      </p>
    </>
  );
}
