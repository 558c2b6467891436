"use client";
import { authClient } from "../_lib/auth-client";
import { useAuthForm } from "../_lib/use-auth-form";

export interface SignInLabels {
  email: string;
  password: string;
  signIn: string;
  signingIn: string;
  failed: string;
}

export function SignInForm({ next, labels }: { next: string; labels: SignInLabels }) {
  const { onSubmit, error, pending, disabled } = useAuthForm(
    (data) =>
      authClient.signIn.email({ email: String(data.get("email")), password: String(data.get("password")) }),
    next,
    labels.failed,
  );

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      <label>
        {labels.email}
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        {labels.password}
        <input name="password" type="password" autoComplete="current-password" required minLength={8} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={disabled}>
        {pending ? labels.signingIn : labels.signIn}
      </button>
    </form>
  );
}
