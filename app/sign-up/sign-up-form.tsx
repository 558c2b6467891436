"use client";
import { authClient } from "../_lib/auth-client";
import { useAuthForm } from "../_lib/use-auth-form";

export interface SignUpLabels {
  name: string;
  username: string;
  usernameHint: string;
  email: string;
  newPassword: string;
  createAccount: string;
  creating: string;
  failed: string;
}

export function SignUpForm({ next, labels }: { next: string; labels: SignUpLabels }) {
  const { onSubmit, error, pending, disabled } = useAuthForm(
    (data) =>
      authClient.signUp.email({
        name: String(data.get("name")),
        username: String(data.get("username")),
        email: String(data.get("email")),
        password: String(data.get("password")),
      }),
    next,
    labels.failed,
  );

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      <label>
        {labels.name}
        <input name="name" autoComplete="name" required maxLength={80} />
      </label>
      <label>
        {labels.username}
        <input
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={30}
          pattern="[A-Za-z0-9_.]+"
          title={labels.usernameHint}
        />
      </label>
      <label>
        {labels.email}
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        {labels.newPassword}
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={disabled}>
        {pending ? labels.creating : labels.createAccount}
      </button>
    </form>
  );
}
