import type { Metadata } from "next";
import Link from "next/link";
import { DEMO_PASSWORD, DEMO_RUNNER } from "@/server/demo/demo-accounts";
import { env } from "@/server/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      {env().SHOW_DEMO_ACCOUNT === "1" && (
        <p className="notice">
          Demo account: <strong>{DEMO_RUNNER.email}</strong> / <strong>{DEMO_PASSWORD}</strong> (a few months of runs,
          and a friend).
        </p>
      )}
      <SignInForm next={safeNext(next)} />
      <p>
        New here? <Link href={`/sign-up${next ? `?next=${encodeURIComponent(next)}` : ""}`}>Create an account</Link>
      </p>
    </>
  );
}

/** Only same-site paths, so a crafted link cannot send a runner elsewhere after signing in. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/courses";
}
