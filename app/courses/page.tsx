import type { Metadata } from "next";
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { courseSearchInput, DURATION_BUCKETS, type DurationBucket } from "@/server/courses/search";
import { CourseTimeline } from "../_components/course-timeline";
import { getDictionary } from "../_i18n/server";
import { formatDuration } from "../_lib/format";
import { CatalogFilters } from "./_components/catalog-filters";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.catalog.title };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Keeps each valid filter from the URL and drops invalid ones, so a mangled link still shows a catalog. */
function filtersFromUrl(params: Record<string, string | string[] | undefined>) {
  const single = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const filters: Record<string, string> = {};
  for (const key of ["q", "level", "program", "duration"] as const) {
    const value = single(key);
    if (value === undefined) continue;
    const parsed = courseSearchInput.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return courseSearchInput.parse(filters);
}

export default async function CoursesPage({ searchParams }: { searchParams: SearchParams }) {
  const [{ locale, t }, caller, params] = await Promise.all([getDictionary(), getServerCaller(), searchParams]);
  const filters = filtersFromUrl(params);
  const [courses, programs] = await Promise.all([caller.courses.search(filters), caller.courses.programs()]);
  const title = (item: { titleEn: string; titleKo: string }) => (locale === "ko" ? item.titleKo : item.titleEn);

  return (
    <>
      <h1>{t.catalog.title}</h1>
        <CatalogFilters
          current={filters}
          labels={{
            searchLabel: t.catalog.searchLabel,
            searchPlaceholder: t.catalog.searchPlaceholder,
            level: t.catalog.level,
            program: t.catalog.program,
            duration: t.catalog.duration,
            any: t.catalog.any,
            anyProgram: t.catalog.anyProgram,
            clear: t.catalog.clear,
            searching: t.catalog.searching,
          }}
          options={{
            levels: (["beginner", "intermediate", "advanced"] as const).map((value) => ({ value, label: t.levels[value] })),
            programs: programs.map((program) => ({ value: program.slug, label: title(program) })),
            durations: (Object.keys(DURATION_BUCKETS) as DurationBucket[]).map((value) => ({
              value,
              label: t.catalog.durations[value],
            })),
          }}
        />
      <p className="meta" role="status">
        {t.catalog.results(courses.length)}
      </p>
      {courses.length === 0 ? (
        <p className="notice">{t.catalog.empty}</p>
      ) : (
        <ul className="card-list" aria-label={t.catalog.title}>
          {courses.map((course) => (
            <li key={course.id}>
              <Link className="card course-card" href={`/courses/${course.slug}`}>
                <span className="card-kicker">
                  {locale === "ko" ? course.programTitleKo : course.programTitleEn} · {t.catalog.week(course.week, course.session)}
                </span>
                <span className="card-title">{title(course)}</span>
                <CourseTimeline steps={course.steps} t={t} />
                <span className="card-facts">
                  <span className={`level-badge level-${course.level}`}>{t.levels[course.level]}</span>
                  <span>
                    {t.course.total} {formatDuration(course.totalSeconds, t.units)}
                  </span>
                  {course.runningSeconds > 0 && (
                    <span>
                      {t.course.running} {formatDuration(course.runningSeconds, t.units)}
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
