"use client";
/**
 * Search box and filters. They live in the URL, so a search can be shared and the back button works;
 * the server renders the results. Typing replaces the URL (one history entry per search, not per key);
 * choosing a filter pushes a new entry. Without JavaScript the form still submits as a plain GET.
 */
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

const TYPING_DEBOUNCE_MS = 250;

export interface FilterLabels {
  searchLabel: string;
  searchPlaceholder: string;
  level: string;
  program: string;
  duration: string;
  any: string;
  anyProgram: string;
  clear: string;
  searching: string;
}

export interface FilterOptions {
  levels: { value: string; label: string }[];
  programs: { value: string; label: string }[];
  durations: { value: string; label: string }[];
}

/** The filters in force, as the server parsed them from the URL (invalid values already dropped). */
export interface CurrentFilters {
  q?: string;
  level?: string;
  program?: string;
  duration?: string;
}

export function CatalogFilters(props: { labels: FilterLabels; options: FilterOptions; current: CurrentFilters }) {
  const { labels, options, current } = props;
  const router = useRouter();
  // Null only in the pages router (its types cover both routers here); this component lives in the app router.
  const pathname = usePathname() ?? "/courses";
  const [query, setQuery] = useState(current.q ?? "");
  const [pending, startTransition] = useTransition();
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  function navigate(changes: Record<string, string>, mode: "push" | "replace") {
    const next = new URLSearchParams(
      Object.entries(current).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const search = next.toString();
    const url = search ? `${pathname}?${search}` : pathname;
    startTransition(() => (mode === "push" ? router.push(url, { scroll: false }) : router.replace(url, { scroll: false })));
  }

  const hasFilters = Boolean(current.q || current.level || current.program || current.duration);

  return (
    <form
      className="filters"
      role="search"
      action={pathname}
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(typingTimer.current);
        navigate({ q: query.trim() }, "push");
      }}
    >
      <label className="filter-search">
        <span>{labels.searchLabel}</span>
        <input
          type="search"
          name="q"
          value={query}
          placeholder={labels.searchPlaceholder}
          autoComplete="off"
          maxLength={100}
          onChange={(event) => {
            const value = event.target.value;
            setQuery(value);
            clearTimeout(typingTimer.current);
            typingTimer.current = setTimeout(() => navigate({ q: value.trim() }, "replace"), TYPING_DEBOUNCE_MS);
          }}
        />
      </label>
      <div className="filter-row">
        <FilterSelect name="level" label={labels.level} any={labels.any} options={options.levels} value={current.level ?? ""} onChange={(v) => navigate({ level: v }, "push")} />
        <FilterSelect name="program" label={labels.program} any={labels.anyProgram} options={options.programs} value={current.program ?? ""} onChange={(v) => navigate({ program: v }, "push")} />
        <FilterSelect name="duration" label={labels.duration} any={labels.any} options={options.durations} value={current.duration ?? ""} onChange={(v) => navigate({ duration: v }, "push")} />
      </div>
      <div className="filter-status" aria-live="polite">
        {pending ? labels.searching : null}
        {hasFilters && !pending && (
          <button
            type="button"
            className="link-button inline"
            onClick={() => {
              setQuery("");
              startTransition(() => router.push(pathname, { scroll: false }));
            }}
          >
            {labels.clear}
          </button>
        )}
      </div>
    </form>
  );
}

function FilterSelect(props: {
  name: string;
  label: string;
  any: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="filter-select">
      <span>{props.label}</span>
      <select name={props.name} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.any}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
