import { describe, expect, it } from "vitest";
import { accessNotice, MAX_NOTICE_USERS, parseAccessNotice } from "./access-notice";

describe("access notices", () => {
  it("name each user once and read back", () => {
    expect(parseAccessNotice(accessNotice(["a", "b", "a"]))).toEqual(["a", "b"]);
  });

  it("refuse anything that is not a notice", () => {
    const tooMany = JSON.stringify({ userIds: Array.from({ length: MAX_NOTICE_USERS + 1 }, (_, i) => `u${i}`) });
    for (const bad of ["", "nope", "null", "{}", '{"userIds":"a"}', '{"userIds":[1]}', tooMany]) expect(parseAccessNotice(bad), bad).toBeNull();
  });
});
