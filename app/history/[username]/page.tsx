import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { getDictionary } from "../../_i18n/server";
import { orNotFound } from "../../_lib/or-not-found";
import { requireSession } from "../../_lib/session";
import { filtersFromUrl } from "../_components/history-filters";
import { HistoryView } from "../_components/history-view";
import { RunningNow } from "../../_components/running-now";

type Params = Promise<{ username: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.history.title };
}

/**
 * A friend's history, read-only. Whoever may not see this runner's runs (a stranger, a pending friend, a
 * friend who keeps runs private) gets the not-found page, as for a username nobody has.
 */
export default async function RunnerHistoryPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { username } = await params;
  const path = `/history/${encodeURIComponent(username)}`;
  await requireSession(path);
  const caller = await getServerCaller();
  const runner = await orNotFound(caller.activities.runner({ username }));
  if (runner.isOwner) redirect("/history");
  return (
    <>
      <RunningNow ownerId={runner.id} />
      <HistoryView owner={runner} basePath={path} filters={filtersFromUrl(await searchParams)} />
    </>
  );
}
