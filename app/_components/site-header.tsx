import Link from "next/link";
import { getSession } from "../_lib/session";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const session = await getSession();
  return (
    <header className="site-header">
      <Link href="/courses" className="brand">
        RunCoach
      </Link>
      <nav aria-label="Main">
        <Link href="/courses">Courses</Link>
        {session ? (
          <>
            <Link href="/history">History</Link>
            <SignOutButton />
          </>
        ) : (
          <Link href="/sign-in">Sign in</Link>
        )}
      </nav>
    </header>
  );
}
