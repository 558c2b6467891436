import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { en } from "@/app/_i18n/en";
import { ko } from "@/app/_i18n/ko";
import { errorWords } from "./error-words";

function trpcError(data: { code: string; domainCode: string | null }) {
  return TRPCClientError.from({ error: { message: "server words", code: -32600, data } });
}

describe("errorWords", () => {
  it("says a known refusal in the page's language", () => {
    const error = trpcError({ code: "NOT_FOUND", domainCode: "RUNNER_NOT_FOUND" });
    expect(errorWords(error, en.friends.errors)).toBe(en.friends.errors.RUNNER_NOT_FOUND);
    expect(errorWords(error, ko.friends.errors)).toBe(ko.friends.errors.RUNNER_NOT_FOUND);
  });

  it("says a refused input as the username rule", () => {
    expect(errorWords(trpcError({ code: "BAD_REQUEST", domainCode: null }), en.friends.errors)).toBe(en.friends.errors.invalidUsername);
  });

  it("falls back to a generic line for anything else", () => {
    expect(errorWords(new TypeError("Failed to fetch"), ko.friends.errors)).toBe(ko.friends.errors.generic);
    expect(errorWords(trpcError({ code: "INTERNAL_SERVER_ERROR", domainCode: null }), en.friends.errors)).toBe(en.friends.errors.generic);
  });
});
