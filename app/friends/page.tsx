import type { Metadata } from "next";
import { getServerCaller } from "@/server/api/server-caller";
import { getDictionary } from "../_i18n/server";
import { requireSession } from "../_lib/session";
import { AddFriendForm } from "./_components/add-friend-form";
import { FriendLists } from "./_components/friend-lists";
import { PrivacySettings } from "./_components/privacy-settings";
import { RunningNow } from "../_components/running-now";
import { LiveDefaultSetting } from "./_components/live-default-setting";

export const metadata: Metadata = { title: "Friends" };

const entry = ({ userId, username, name }: { userId: string; username: string; name: string }) => ({ userId, username, name });

export default async function FriendsPage() {
  await requireSession("/friends");
  const [caller, { t }] = await Promise.all([getServerCaller(), getDictionary()]);
  const [list, privacy, liveDefault] = await Promise.all([caller.friends.list(), caller.profile.get(), caller.live.getDefault()]);
  const f = t.friends;
  return (
    <>
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      {privacy.username && <p className="meta">{f.yourUsername.replace("{username}", privacy.username)}</p>}
      <RunningNow />
      <section aria-label={f.add}>
        <h2>{f.add}</h2>
        <AddFriendForm
          labels={{
            add: f.add,
            usernameLabel: f.usernameLabel,
            send: f.send,
            sending: f.sending,
            sent: f.sent,
            nowFriends: f.nowFriends,
            errors: f.errors,
          }}
        />
      </section>
      <FriendLists
        friends={list.friends.map((friend) => ({ ...entry(friend), sharesRuns: friend.sharesRuns }))}
        incoming={list.incoming.map(entry)}
        outgoing={list.outgoing.map(entry)}
        labels={{
          incoming: f.incoming,
          outgoing: f.outgoing,
          list: f.list,
          none: f.none,
          noIncoming: f.noIncoming,
          noOutgoing: f.noOutgoing,
          accept: f.accept,
          decline: f.decline,
          cancel: f.cancel,
          remove: f.remove,
          seeRuns: f.seeRuns,
          errors: f.errors,
        }}
      />
      <PrivacySettings
        runVisibility={privacy.runVisibility}
        hideRouteEnds={privacy.hideRouteEnds}
        labels={{
          privacy: f.privacy,
          visibilityLegend: f.visibilityLegend,
          visibilityFriends: f.visibilityFriends,
          visibilityPrivate: f.visibilityPrivate,
          hideRouteEnds: f.hideRouteEnds,
          saving: f.saving,
          saved: f.saved,
          errors: f.errors,
        }}
      />
      <LiveDefaultSetting followable={liveDefault.followable} labels={{ legend: t.live.defaultLegend, label: t.live.defaultLabel, saving: f.saving, saved: f.saved, errors: f.errors }} />
    </>
  );
}
