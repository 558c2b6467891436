import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidUploadUrlError, isIngestPath, PAGE_TRPC_URL, uploadCredentials, uploadUrl } from "./upload-url";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("isIngestPath", () => {
  it("is true for the two ingest mutations only", () => {
    expect(isIngestPath("activities.appendPoints")).toBe(true);
    expect(isIngestPath("activities.syncEvents")).toBe(true);
    for (const path of ["activities.get", "activities.history", "courses.search", "appendPoints", "activities.appendPointsX"]) {
      expect(isIngestPath(path)).toBe(false);
    }
  });
});

describe("uploadUrl", () => {
  it("is the pages' own endpoint when NEXT_PUBLIC_UPLOAD_URL is unset or blank", () => {
    vi.stubEnv("NEXT_PUBLIC_UPLOAD_URL", undefined);
    expect(uploadUrl()).toBe(PAGE_TRPC_URL);
    expect(uploadUrl("")).toBe("/api/trpc");
    expect(uploadUrl("  ")).toBe("/api/trpc");
  });

  it("reads NEXT_PUBLIC_UPLOAD_URL, without a trailing slash", () => {
    vi.stubEnv("NEXT_PUBLIC_UPLOAD_URL", "https://upload.example.com/api/trpc/");
    expect(uploadUrl()).toBe("https://upload.example.com/api/trpc");
    expect(uploadUrl("/upload/api/trpc")).toBe("/upload/api/trpc");
    expect(uploadUrl("http://localhost:3001/api/trpc")).toBe("http://localhost:3001/api/trpc");
  });

  it.each(["upload.example.com/api/trpc", "//upload.example.com/api/trpc", "ftp://upload.example.com", "https://"])(
    "refuses %s",
    (value) => {
      expect(() => uploadUrl(value)).toThrow(InvalidUploadUrlError);
    },
  );
});

describe("uploadCredentials", () => {
  it("sends the session cookie to another origin only when asked: include", () => {
    expect(uploadCredentials("/api/trpc")).toBe("same-origin");
    expect(uploadCredentials("https://upload.example.com/api/trpc")).toBe("include");
  });
});
