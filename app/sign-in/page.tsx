import type { Metadata } from "next";
import Link from "next/link";
import { DEMO_PASSWORD, DEMO_RUNNER } from "@/server/demo/demo-accounts";
import { env } from "@/server/env";
import { getDictionary } from "../_i18n/server";
import { safeNext } from "../_lib/safe-next";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.auth.signInTitle };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [{ next }, { t }] = await Promise.all([searchParams, getDictionary()]);
  return (
    <>
      <h1>{t.auth.signInTitle}</h1>
      {env().SHOW_DEMO_ACCOUNT === "1" && (
        <p className="notice">
          {t.auth.demoAccount} <strong>{DEMO_RUNNER.email}</strong> / <strong>{DEMO_PASSWORD}</strong>
        </p>
      )}
      <SignInForm
        next={safeNext(next)}
        labels={{
          email: t.auth.email,
          password: t.auth.password,
          signIn: t.auth.signIn,
          signingIn: t.auth.signingIn,
          failed: t.auth.signInFailed,
        }}
      />
      <p>
        {t.auth.newHere} <Link href={`/sign-up${next ? `?next=${encodeURIComponent(next)}` : ""}`}>{t.auth.createOne}</Link>
      </p>
    </>
  );
}
