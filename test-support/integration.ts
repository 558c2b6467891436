/** Helpers for integration tests: real users through better-auth, and a tRPC client over the real handler. */
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { POST } from "@/app/api/trpc/[trpc]/route";
import type { AppRouter } from "@/server/api/root";
import { getAuth } from "@/server/auth";

export interface TestUser {
  id: string;
  cookie: string;
}

let counter = 0;

/** Signs up a new user through better-auth and returns the session cookie it set. */
export async function signUpTestUser(prefix = "runner"): Promise<TestUser> {
  const unique = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  const { headers, response } = await getAuth().api.signUpEmail({
    body: { name: unique, email: `${unique}@example.test`, password: "correct horse battery", username: unique },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { id: response.user.id, cookie };
}

/** A tRPC client whose requests go through the app's real fetch handler (no server process needed). */
export function trpcClientFor(user: TestUser | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost/api/trpc",
        transformer: superjson,
        headers: () => (user ? { cookie: user.cookie } : {}),
        fetch: async (input, init) => POST(new Request(input as string, init as RequestInit)),
      }),
    ],
  });
}
