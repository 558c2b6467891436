/**
 * Input that passed validation must not fail further in (a 500), and input tRPC cannot read must be refused in
 * words a client developer can act on, not the runtime's (issue 16, classes 1 and 5). One example of each class
 * per field, over HTTP through the app's endpoint; input-fuzz.int.test.ts tries generated ones for every procedure.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch } from "@/test-support/api-server";
import { signUpTestUser, type TestUser } from "@/test-support/integration";

let runner: TestUser;
beforeAll(async () => {
  runner = await signUpTestUser("edge");
});

async function query(path: string, input: unknown) {
  const response = await apiFetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, {
    headers: { cookie: runner.cookie },
  });
  return { status: response.status, error: (await response.json()).error?.json as { message: string; data: { code: string } } | undefined };
}

const NUL = "a\u0000b";

describe("inputs that passed validation and failed further in", () => {
  it.each([
    ["courses.search", { q: NUL }, "q"],
    ["courses.search", { q: "x\u001bx" }, "q"],
    ["courses.get", { slug: NUL }, "slug"],
    ["activities.runner", { username: NUL }, "username"],
    ["activities.history", { program: NUL }, "program"],
    ["activities.history", { ownerId: NUL }, "ownerId"],
    ["activities.historyPrograms", { ownerId: NUL }, "ownerId"],
    ["activities.monthlyTotals", { ownerId: NUL }, "ownerId"],
    ["activities.history", { month: "0000-01" }, "month"],
    ["activities.history", { from: new Date(8.64e15) }, "from"],
    ["activities.history", { to: new Date(-8.64e15) }, "to"],
    ["activities.monthlyTotals", { timeZone: "US/Pacific-New" }, "timeZone"],
    ["activities.weeklyTotals", { timeZone: "US/Pacific-New" }, "timeZone"],
  ])("%s %j is a 400 naming the field", async (path, input, field) => {
    const { status, error } = await query(path, input);
    expect(status).toBe(400);
    expect(error?.message).toMatch(new RegExp(`^${field}: `));
  });
});

describe("input tRPC cannot read", () => {
  const cookie = () => ({ "content-type": "application/json", cookie: runner.cookie });
  const post = (body: string) => apiFetch("/api/trpc/activities.appendPoints", { method: "POST", headers: cookie(), body });

  it.each([
    ["null", "null", "input: not readable"],
    ["not JSON", "{not json", "input: not JSON"],
    ["nested 20,000 deep", `{"json":{},"meta":{"values":${'{"a":'.repeat(20_000)}["Date"]${"}".repeat(20_000)}}}`, "input: nested too deeply"],
    ["a __proto__ path", `{"json":{},"meta":{"values":{"__proto__.x":["Date"]}}}`, "input: not readable"],
  ])("a body of %s is a 400 saying what to send", async (_label, body, words) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const { message } = (await response.json()).error.json;
    expect(message).toContain(words);
    expect(message).toContain('{"json": <input>');
    expect(message).not.toMatch(/destructure|call stack|position \d|__proto__/);
  });

  it("a query's input=null likewise", async () => {
    const response = await apiFetch(`/api/trpc/activities.get?input=null`, { headers: cookie() });
    expect(response.status).toBe(400);
    expect((await response.json()).error.json.message).toContain("input: not readable");
    // and an id nobody has stays a 404
    expect((await query("activities.get", { id: randomUUID() })).status).toBe(404);
  });
});
