/**
 * The not-found page, in the runner's language. Someone else's run or history answers with this page too,
 * word for word, so a guessed link does not tell whether it exists.
 */
import Link from "next/link";
import { getDictionary } from "./_i18n/server";

export default async function NotFound() {
  const { t } = await getDictionary();
  return (
    <>
      <h1>{t.notFound.title}</h1>
      <p>{t.notFound.body}</p>
      <p>
        <Link className="button secondary" href="/courses">
          {t.notFound.home}
        </Link>
      </p>
    </>
  );
}
