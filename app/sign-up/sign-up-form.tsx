"use client";
import { authClient } from "../_lib/auth-client";
import { useAuthForm } from "../_lib/use-auth-form";

export function SignUpForm({ next }: { next: string }) {
  const { onSubmit, error, pending, disabled } = useAuthForm(
    (data) =>
      authClient.signUp.email({
        name: String(data.get("name")),
        username: String(data.get("username")),
        email: String(data.get("email")),
        password: String(data.get("password")),
      }),
    next,
    "Could not create the account",
  );

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
      <button className="button" type="submit" disabled={disabled}>
        {pending ? "Creating…" : "Create account"}
      </button>
    </form>
  );
}
