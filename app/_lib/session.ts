/** The signed-in user for server components and pages; redirects to sign-in when there is none. */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/server/auth";

export async function getSession() {
  return getAuth().api.getSession({ headers: await headers() });
}

export async function requireSession(returnTo: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return session;
}
