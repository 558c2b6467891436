/**
 * Friends through the real tRPC handler and PostgreSQL: asking by username, accepting, declining,
 * removing, the lists both sides see, and the refusals (self, duplicates, unknown names, bad input).
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { user } from "@/server/db/schema";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError } from "@/test-support/integration-runs";

async function usernameOf(runner: TestUser): Promise<string> {
  const [row] = await getDb().select({ username: user.username }).from(user).where(eq(user.id, runner.id));
  return row!.username!;
}

const api = (runner: TestUser | null) => trpcClientFor(runner);
const ids = (runners: { userId: string }[]) => runners.map((r) => r.userId);

describe("friends", () => {
  let ana: TestUser;
  let ben: TestUser;
  let cho: TestUser;
  let anaName: string;
  let benName: string;

  beforeEach(async () => {
    [ana, ben, cho] = await Promise.all([signUpTestUser("ana"), signUpTestUser("ben"), signUpTestUser("cho")]);
    [anaName, benName] = await Promise.all([usernameOf(ana), usernameOf(ben)]);
  });

  it("a request shows as outgoing for the sender and incoming for the addressee, and accepting makes friends", async () => {
    const sent = await api(ana).friends.request.mutate({ username: benName });
    expect(sent).toEqual({ status: "pending", runner: { userId: ben.id, username: benName, name: expect.any(String) } });

    const anaList = await api(ana).friends.list.query();
    expect(ids(anaList.outgoing)).toEqual([ben.id]);
    expect(anaList.incoming).toEqual([]);
    expect(anaList.friends).toEqual([]);
    const benList = await api(ben).friends.list.query();
    expect(ids(benList.incoming)).toEqual([ana.id]);
    expect(benList.incoming[0]!.username).toBe(anaName);
    expect(benList.incoming[0]!.requestedAt).toBeInstanceOf(Date);
    expect(benList.outgoing).toEqual([]);

    expect(await api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" })).toEqual({ status: "accepted" });
    for (const [me, other] of [
      [ana, ben],
      [ben, ana],
    ] as const) {
      const list = await api(me).friends.list.query();
      expect(ids(list.friends)).toEqual([other.id]);
      expect(list.friends[0]!.since).toBeInstanceOf(Date);
      expect(list.incoming).toEqual([]);
      expect(list.outgoing).toEqual([]);
    }
  });

  it("finds the username whatever its case and surrounding spaces", async () => {
    const sent = await api(ana).friends.request.mutate({ username: `  ${benName.toUpperCase()} ` });
    expect(sent.runner.userId).toBe(ben.id);
  });

  it("declining deletes the request, and the sender may ask again", async () => {
    await api(ana).friends.request.mutate({ username: benName });
    expect(await api(ben).friends.respond.mutate({ userId: ana.id, action: "decline" })).toEqual({ status: "declined" });
    expect((await api(ana).friends.list.query()).outgoing).toEqual([]);
    expect((await api(ben).friends.list.query()).incoming).toEqual([]);
    expect((await api(ana).friends.request.mutate({ username: benName })).status).toBe("pending");
  });

  it("a request to someone who already asked you accepts theirs", async () => {
    await api(ana).friends.request.mutate({ username: benName });
    const crossing = await api(ben).friends.request.mutate({ username: anaName });
    expect(crossing.status).toBe("accepted");
    expect(ids((await api(ana).friends.list.query()).friends)).toEqual([ben.id]);
  });

  it("two requests crossing at the same moment end as one friendship or one pending request, never two rows", async () => {
    const results = await Promise.allSettled([
      api(ana).friends.request.mutate({ username: benName }),
      api(ben).friends.request.mutate({ username: anaName }),
    ]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const list = await api(ana).friends.list.query();
    expect(list.friends.length + list.incoming.length + list.outgoing.length).toBe(1);
  });

  it("remove ends a friendship for both, and withdraws a pending request", async () => {
    await api(ana).friends.request.mutate({ username: benName });
    await api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" });
    expect(await api(ben).friends.remove.mutate({ userId: ana.id })).toEqual({ removed: true });
    expect((await api(ana).friends.list.query()).friends).toEqual([]);
    expect((await api(ben).friends.list.query()).friends).toEqual([]);

    await api(ana).friends.request.mutate({ username: benName });
    await api(ana).friends.remove.mutate({ userId: ben.id });
    expect((await api(ben).friends.list.query()).incoming).toEqual([]);
  });

  it("lists several friends and requests apart", async () => {
    const choName = await usernameOf(cho);
    await api(ana).friends.request.mutate({ username: benName });
    await api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" });
    await api(cho).friends.request.mutate({ username: anaName });
    const list = await api(ana).friends.list.query();
    expect(ids(list.friends)).toEqual([ben.id]);
    expect(list.incoming.map((r) => r.username)).toEqual([choName]);
    expect(list.outgoing).toEqual([]);
  });

  describe("refuses", () => {
    it("an unknown username with NOT_FOUND that names it", async () => {
      await expectTrpcError(api(ana).friends.request.mutate({ username: "nobody_here_x" }), "NOT_FOUND", /nobody_here_x/);
    });

    it("asking yourself", async () => {
      await expectTrpcError(api(ana).friends.request.mutate({ username: anaName }), "BAD_REQUEST", /yourself/);
    });

    it("a second request while one is pending, and a request to a friend", async () => {
      await api(ana).friends.request.mutate({ username: benName });
      await expectTrpcError(api(ana).friends.request.mutate({ username: benName }), "CONFLICT", /already asked/);
      await api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" });
      await expectTrpcError(api(ana).friends.request.mutate({ username: benName }), "CONFLICT", /already friends/);
      await expectTrpcError(api(ben).friends.request.mutate({ username: anaName }), "CONFLICT", /already friends/);
    });

    it("answering a request that does not exist, that you sent yourself, or that is already accepted", async () => {
      await expectTrpcError(api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" }), "NOT_FOUND");
      await api(ana).friends.request.mutate({ username: benName });
      await expectTrpcError(api(ana).friends.respond.mutate({ userId: ben.id, action: "accept" }), "NOT_FOUND");
      await expectTrpcError(api(cho).friends.respond.mutate({ userId: ana.id, action: "decline" }), "NOT_FOUND");
      await api(ben).friends.respond.mutate({ userId: ana.id, action: "accept" });
      await expectTrpcError(api(ben).friends.respond.mutate({ userId: ana.id, action: "decline" }), "NOT_FOUND");
      expect(ids((await api(ben).friends.list.query()).friends)).toEqual([ana.id]);
    });

    it("removing someone who is not a friend", async () => {
      await expectTrpcError(api(ana).friends.remove.mutate({ userId: cho.id }), "NOT_FOUND", /not friends/);
    });

    it("malformed usernames and ids before any query", async () => {
      await expectTrpcError(api(ana).friends.request.mutate({ username: "ab" }), "BAD_REQUEST", /username/);
      await expectTrpcError(api(ana).friends.request.mutate({ username: "x".repeat(31) }), "BAD_REQUEST", /username/);
      await expectTrpcError(api(ana).friends.request.mutate({ username: "bad name;--" }), "BAD_REQUEST", /username/);
      await expectTrpcError(api(ana).friends.remove.mutate({ userId: "a".repeat(65) }), "BAD_REQUEST", /userId/);
      await expectTrpcError(
        api(ana).friends.respond.mutate({ userId: ben.id, action: "maybe" as "accept" }),
        "BAD_REQUEST",
        /action/,
      );
    });

    it("a signed-out caller", async () => {
      await expectTrpcError(api(null).friends.list.query(), "UNAUTHORIZED");
      await expectTrpcError(api(null).friends.request.mutate({ username: benName }), "UNAUTHORIZED");
    });
  });
});

describe("profile privacy settings", () => {
  it("default to friends and hidden route ends, and change one at a time", async () => {
    const runner = await signUpTestUser("priv");
    const name = await usernameOf(runner);
    expect(await api(runner).profile.get.query()).toEqual({ username: name, runVisibility: "friends", hideRouteEnds: true });
    expect(await api(runner).profile.updatePrivacy.mutate({ runVisibility: "private" })).toEqual({
      username: name,
      runVisibility: "private",
      hideRouteEnds: true,
    });
    expect(await api(runner).profile.updatePrivacy.mutate({ hideRouteEnds: false })).toMatchObject({
      runVisibility: "private",
      hideRouteEnds: false,
    });
    expect(await api(runner).profile.get.query()).toMatchObject({ runVisibility: "private", hideRouteEnds: false });
  });

  it("refuses an unknown visibility, an empty change and a signed-out caller", async () => {
    const runner = await signUpTestUser("priv");
    await expectTrpcError(
      api(runner).profile.updatePrivacy.mutate({ runVisibility: "everyone" as "friends" }),
      "BAD_REQUEST",
      /runVisibility/,
    );
    await expectTrpcError(api(runner).profile.updatePrivacy.mutate({}), "BAD_REQUEST", /Nothing to change/);
    await expectTrpcError(api(null).profile.get.query(), "UNAUTHORIZED");
  });
});
