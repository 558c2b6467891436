/** A failed friends/profile call in the page's language: by the server's domain code, else a generic line. */
import { TRPCClientError } from "@trpc/client";

/** Error words by the server's domain code, plus `invalidUsername` (input refused) and `generic`. */
export type ErrorLabels = Record<string, string> & { generic: string };

export function errorWords(error: unknown, labels: ErrorLabels): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { domainCode?: string | null; code?: string } | undefined;
    const byCode = data?.domainCode ? labels[data.domainCode] : undefined;
    if (byCode) return byCode;
    if (data?.code === "BAD_REQUEST" && labels.invalidUsername) return labels.invalidUsername;
  }
  return labels.generic;
}
