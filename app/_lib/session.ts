/** The signed-in user for server components and pages; redirects to sign-in when there is none. */
import "server-only";
import { redirect } from "next/navigation";
import { getRequestSession } from "@/server/api/server-caller";

export const getSession = getRequestSession;

export async function requireSession(returnTo: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return session;
}
