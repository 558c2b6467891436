import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ko } from "./ko";
import { localeFromAcceptLanguage } from "./locale";

describe("localeFromAcceptLanguage", () => {
  it("takes the highest-ranked supported language", () => {
    expect(localeFromAcceptLanguage("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ko");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,ko;q=0.5,en;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.3, ko;q=0.6")).toBe("ko");
  });

  it("falls back to English for missing or unsupported headers", () => {
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("fr,de")).toBe("en");
  });
});

/** Texts that are the same in both languages on purpose (units, symbols). */
const LANGUAGE_NEUTRAL = new Set(["run.paceUnit."]);

describe("dictionaries", () => {
  it("translate every English text into different Korean text", () => {
    const flat = (value: unknown, prefix = ""): [string, unknown][] =>
      value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => flat(v, `${prefix}${k}.`))
        : [[prefix, value]];
    const english = flat(en);
    const korean = new Map(flat(ko));
    for (const [key, value] of english) {
      expect(korean.has(key), key).toBe(true);
      if (typeof value === "string" && !LANGUAGE_NEUTRAL.has(key)) expect(korean.get(key), key).not.toBe(value);
    }
  });
});
