"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "../_lib/auth-client";
import { useHydrated } from "../_lib/use-hydrated";

export function SignUpForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React handles the submit, a click would post the form natively; keep it disabled till then.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signUp.email({
      name: String(data.get("name")),
      username: String(data.get("username")),
      email: String(data.get("email")),
      password: String(data.get("password")),
    });
    setPending(false);
    if (error) {
      setError(error.message ?? "Could not create the account");
      return;
    }
    router.push(next);
    router.refresh();
  }

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      <label>
        Name
        <input name="name" autoComplete="name" required maxLength={80} />
      </label>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={30}
          pattern="[A-Za-z0-9_.]+"
          title="Letters, digits, underscore and dot"
        />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password (at least 8 characters)
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={pending || !hydrated}>
        {pending ? "Creating…" : "Create account"}
      </button>
    </form>
  );
}
