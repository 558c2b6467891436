import { describe, expect, it } from "vitest";
import { createSessionMemo, sessionCookieKey, sessionTokenHash } from "./session-memo";

type TestSession = { session: { expiresAt: Date; token: string }; user: { id: string } };

const session = (id: string, expiresAt = new Date(10_000_000), token = `token-${id}`): TestSession => ({
  session: { expiresAt, token },
  user: { id },
});
const withCookie = (cookie: string) => new Headers({ cookie });
const TOKEN = "better-auth.session_token=abc.sig";
const DATA = "better-auth.session_data=eyJ.sig";

function counting(answer: TestSession | null) {
  let calls = 0;
  return {
    lookup: async () => {
      calls++;
      return answer;
    },
    calls: () => calls,
  };
}

describe("sessionCookieKey", () => {
  it("keys on the session cookies only, in any order, ignoring language and time zone", () => {
    const a = sessionCookieKey(withCookie(`locale=ko; ${TOKEN}; tz=Asia/Seoul; ${DATA}`));
    const b = sessionCookieKey(withCookie(`${DATA}; ${TOKEN}; locale=en`));
    expect(a).toBe(b);
    expect(a).toBe(`${DATA}; ${TOKEN}`);
  });

  it("has no key without a session token", () => {
    expect(sessionCookieKey(new Headers())).toBeNull();
    expect(sessionCookieKey(withCookie(`locale=ko; ${DATA}`))).toBeNull();
  });

  it("keeps https's __Secure- prefix apart from the plain name", () => {
    expect(sessionCookieKey(withCookie(`__Secure-${TOKEN}`))).toBe(`__Secure-${TOKEN}`);
  });
});

describe("createSessionMemo", () => {
  it("asks once for the same cookies within the time to live, and again after it", async () => {
    let now = 0;
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10, now: () => now });
    const source = counting(session("u1"));
    expect(await memo.get(withCookie(TOKEN), source.lookup)).toEqual(session("u1"));
    now = 29_999;
    await memo.get(withCookie(TOKEN), source.lookup);
    expect(source.calls()).toBe(1);
    now = 30_000;
    await memo.get(withCookie(TOKEN), source.lookup);
    expect(source.calls()).toBe(2);
  });

  it("never remembers a session past its own expiry", async () => {
    let now = 0;
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10, now: () => now });
    const source = counting(session("u1", new Date(5_000)));
    await memo.get(withCookie(TOKEN), source.lookup);
    now = 5_000;
    await memo.get(withCookie(TOKEN), source.lookup);
    expect(source.calls()).toBe(2);
  });

  it("does not remember a refusal, and a different cookie is checked afresh", async () => {
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10 });
    const refused = counting(null);
    await memo.get(withCookie(TOKEN), refused.lookup);
    await memo.get(withCookie(TOKEN), refused.lookup);
    expect(refused.calls()).toBe(2);
    const other = counting(session("u2"));
    expect(await memo.get(withCookie("better-auth.session_token=other.sig"), other.lookup)).toEqual(session("u2"));
  });

  it("always asks when there is no session cookie", async () => {
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10 });
    const source = counting(null);
    await memo.get(new Headers(), source.lookup);
    await memo.get(new Headers(), source.lookup);
    expect(source.calls()).toBe(2);
  });

  it("holds at most maxEntries sessions", async () => {
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 2 });
    const source = counting(session("u"));
    for (const token of ["a", "b", "c", "a"]) await memo.get(withCookie(`better-auth.session_token=${token}`), source.lookup);
    // "a" was evicted by "c", so it is looked up again: 4 lookups, not 3.
    expect(source.calls()).toBe(4);
  });

  it("forgets a revoked session at once, and only that one", async () => {
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10, now: () => 0 });
    const first = counting(session("u1"));
    const second = counting(session("u2"));
    const other = "better-auth.session_token=other.sig";
    await memo.get(withCookie(TOKEN), first.lookup);
    await memo.get(withCookie(other), second.lookup);
    expect(memo.revoke(sessionTokenHash("token-u1"))).toBe(true);
    expect(memo.revoke(sessionTokenHash("token-u1"))).toBe(false);
    const signedOut = counting(null);
    expect(await memo.get(withCookie(TOKEN), signedOut.lookup)).toBeNull();
    expect(signedOut.calls()).toBe(1);
    await memo.get(withCookie(other), second.lookup);
    expect(second.calls()).toBe(1);
  });

  it("is bypassed, and emptied, while a revocation could be missed", async () => {
    let trusted = true;
    const memo = createSessionMemo<TestSession>({ ttlMs: 30_000, maxEntries: 10, now: () => 0, trusted: () => trusted });
    const source = counting(session("u1"));
    await memo.get(withCookie(TOKEN), source.lookup);
    trusted = false;
    await memo.get(withCookie(TOKEN), source.lookup);
    await memo.get(withCookie(TOKEN), source.lookup);
    expect(source.calls()).toBe(3);
    trusted = true;
    await memo.get(withCookie(TOKEN), source.lookup); // what was held before is gone: asked again
    await memo.get(withCookie(TOKEN), source.lookup);
    expect(source.calls()).toBe(4);
  });
});
