import { describe, expect, it } from "vitest";
import { isTimeZoneName } from "./time-zone-name";

describe("isTimeZoneName", () => {
  it("accepts IANA zones", () => {
    for (const zone of ["UTC", "Asia/Seoul", "America/Argentina/Buenos_Aires", "Etc/GMT+9", "Europe/London"]) {
      expect(isTimeZoneName(zone)).toBe(true);
    }
  });

  it("refuses offsets, unknown zones and anything that could be SQL", () => {
    for (const zone of ["+09:00", "-05", "Mars/Olympus", "", "UTC'; drop table activities; --", "Asia/Seoul "]) {
      expect(isTimeZoneName(zone)).toBe(false);
    }
  });
});
