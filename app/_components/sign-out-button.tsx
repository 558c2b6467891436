"use client";
/**
 * Signs out with one POST to better-auth's endpoint. The header is on every page, so it avoids loading the
 * better-auth client library just for this.
 */
import { useRouter } from "next/navigation";

export function SignOutButton({ label }: { label: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        router.push("/sign-in");
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
