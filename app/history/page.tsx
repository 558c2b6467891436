import type { Metadata } from "next";
import { getDictionary } from "../_i18n/server";
import { requireSession } from "../_lib/session";
import { filtersFromUrl } from "./_components/history-filters";
import { HistoryView } from "./_components/history-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.history.title };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The signed-in runner's own history. */
export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireSession("/history");
  const { user } = session;
  const owner = { id: user.id, username: user.username ?? user.name, name: user.name, isOwner: true };
  return <HistoryView owner={owner} basePath="/history" filters={filtersFromUrl(await searchParams)} />;
}
