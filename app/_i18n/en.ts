/** English UI text. Korean (ko.ts) must provide every key: the Dictionary type enforces it. */
export const en = {
  nav: { courses: "Courses", history: "History", signIn: "Sign in", signOut: "Sign out", main: "Main", language: "Language" },
  levels: { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" },
  steps: {
    warmup: "Warm-up walk",
    walk: "Walk",
    brisk_walk: "Brisk walk",
    jog: "Jog",
    run: "Run",
    sprint: "Sprint",
    cooldown: "Cool-down walk",
  },
  catalog: {
    title: "Courses",
    searchLabel: "Search courses",
    searchPlaceholder: "e.g. interval, 5K, 달리기",
    level: "Level",
    program: "Program",
    duration: "Duration",
    any: "Any",
    anyProgram: "All programs",
    durations: { short: "Under 20 min", medium: "20–35 min", long: "35–50 min", xlong: "Over 50 min" },
    results: (n: number) => (n === 1 ? "1 course" : `${n} courses`),
    empty: "No course matches. Try fewer words or clear the filters.",
    clear: "Clear filters",
    week: (week: number, session: number) => `Week ${week} · Session ${session}`,
    searching: "Searching…",
  },
  course: {
    total: "Total",
    running: "Running",
    downloadSize: "Download",
    steps: "Steps",
    timeline: "Course timeline",
    start: "Start run",
    starting: "Starting…",
    signInToStart: "Sign in to start",
    notFound: "This course does not exist.",
  },
  units: {
    minutes: (m: number) => `${m} min`,
    minutesSeconds: (m: number, s: number) => `${m} min ${s} s`,
    seconds: (s: number) => `${s} s`,
  },
};

export type Dictionary = typeof en;
