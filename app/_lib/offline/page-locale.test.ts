import { describe, expect, it } from "vitest";
import { pageLocaleOf } from "./page-locale";

describe("pageLocaleOf", () => {
  it("reads the root element's language", () => {
    expect(pageLocaleOf('<!DOCTYPE html><html lang="ko" class="x"><head></head></html>')).toBe("ko");
    expect(pageLocaleOf('<html class="x" lang="en-US"><body></body></html>')).toBe("en");
  });

  it("is null without a language it knows", () => {
    expect(pageLocaleOf("<html><body><p lang=\"ko\">안녕</p></body></html>")).toBeNull();
    expect(pageLocaleOf('<html lang="fr"></html>')).toBeNull();
  });
});
