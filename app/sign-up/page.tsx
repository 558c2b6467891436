import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/courses";
  return (
    <>
      <h1>Create an account</h1>
      <SignUpForm next={target} />
      <p>
        Already have one? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
