/**
 * A short, bounded name for a CQL statement, for the `statement` label of the Cassandra latency histogram:
 * the verb and the table (`select locations_by_activity`, `batch insert locations_by_activity`), never the
 * text with its values. The keyspace is left out (tests make one per run) except for the system keyspaces,
 * whose table names mean nothing alone (`select system.local`). Anything else is `other`.
 */

const IDENTIFIER = String.raw`(?:"[^"]{1,48}"|[A-Za-z_][A-Za-z0-9_]{0,47})`;
const QUALIFIED = `(${IDENTIFIER})(?:\\s*\\.\\s*(${IDENTIFIER}))?`;

const PATTERNS: ReadonlyArray<readonly [verb: string, pattern: RegExp]> = [
  ["select", new RegExp(String.raw`^\s*select\b[\s\S]*?\bfrom\s+${QUALIFIED}`, "i")],
  ["insert", new RegExp(String.raw`^\s*insert\s+into\s+${QUALIFIED}`, "i")],
  ["update", new RegExp(String.raw`^\s*update\s+${QUALIFIED}`, "i")],
  ["delete", new RegExp(String.raw`^\s*delete\b[\s\S]*?\bfrom\s+${QUALIFIED}`, "i")],
  ["truncate", new RegExp(String.raw`^\s*truncate\s+(?:table\s+)?${QUALIFIED}`, "i")],
];

const SCHEMA_VERB = /^\s*(create|alter|drop|use|grant|revoke)\b/i;

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1) : identifier.toLowerCase();
}

function nameOfOne(query: string): string {
  for (const [verb, pattern] of PATTERNS) {
    const match = pattern.exec(query);
    if (!match) continue;
    const [first, second] = [unquote(match[1]!), match[2] === undefined ? undefined : unquote(match[2])];
    if (second === undefined) return `${verb} ${first}`;
    return first.startsWith("system") ? `${verb} ${first}.${second}` : `${verb} ${second}`;
  }
  const schema = SCHEMA_VERB.exec(query);
  return schema ? `schema ${schema[1]!.toLowerCase()}` : "other";
}

type DriverQuery = string | ReadonlyArray<{ query: string }>;

/** The label for one request: a query's text, or a batch's list of queries as the driver reports it. */
export function statementName(query: DriverQuery): string {
  return createStatementNamer(0)(query);
}

/**
 * The same, remembered per query text (up to `maxEntries` texts): the driver reports the same few prepared
 * statements millions of times, and a batch of 1,000 inserts repeats one text 1,000 times.
 */
export function createStatementNamer(maxEntries = 500): (query: DriverQuery) => string {
  const known = new Map<string, string>();
  const nameOf = (text: string) => {
    const cached = known.get(text);
    if (cached !== undefined) return cached;
    const name = nameOfOne(text);
    if (known.size < maxEntries) known.set(text, name);
    return name;
  };
  return (query) => {
    if (typeof query === "string") return nameOf(query);
    let only: string | undefined;
    let previous: string | undefined;
    for (const { query: text } of query) {
      if (text === previous) continue;
      previous = text;
      const name = nameOf(text);
      if (only === undefined) only = name;
      else if (name !== only) return "batch mixed";
    }
    return only === undefined ? "batch empty" : `batch ${only}`;
  };
}
