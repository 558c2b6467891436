"use client";
import { authClient } from "../_lib/auth-client";
import { useAuthForm } from "../_lib/use-auth-form";

export function SignInForm({ next }: { next: string }) {
  const { onSubmit, error, pending, disabled } = useAuthForm(
    (data) =>
      authClient.signIn.email({ email: String(data.get("email")), password: String(data.get("password")) }),
    next,
    "Could not sign in",
  );

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required minLength={8} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={disabled}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
