/** Reading a Server-Sent Events response in integration tests: messages as they arrive, parsed. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: unknown;
}

/** Takes the complete messages off the front of `buffer`; returns what is left of it. */
function takeMessages(buffer: string, messages: SseMessage[]): string {
  let end: number;
  while ((end = buffer.indexOf("\n\n")) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
    }
    if (fields.has("data")) messages.push({ id: fields.get("id") ?? null, event: fields.get("event") ?? "message", data: JSON.parse(fields.get("data")!) });
  }
  return buffer;
}

/** Reads messages from `response` until `until` says stop (or the stream ends, or `timeoutMs` passes). */
export async function readSse(response: Response, until: (messages: SseMessage[]) => boolean, timeoutMs = 20_000): Promise<SseMessage[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = "";
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!until(messages)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = takeMessages(buffer + decoder.decode(value, { stream: true }), messages);
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  return messages;
}

export interface SseReader {
  /** Every message so far. */
  readonly messages: SseMessage[];
  /** Whether the server ended the stream. */
  readonly ended: boolean;
  /** Resolves true once `until(messages)` holds, false if the stream ends or `timeoutMs` passes first. */
  waitFor(until: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<boolean>;
  /** Resolves true once the server ended the stream, false if `timeoutMs` passes first. */
  waitForEnd(timeoutMs?: number): Promise<boolean>;
  cancel(): Promise<void>;
}

/** Reads `response` in the background, for tests that act between messages (and check the stream ends). */
export function sseReader(response: Response): SseReader {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let ended = false;
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = takeMessages(buffer + decoder.decode(value, { stream: true }), messages);
        notify();
      }
    } catch {
      // cancelled
    }
    ended = true;
    notify();
  })();

  async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (ended || Date.now() >= deadline) return condition();
      await new Promise<void>((resolve) => {
        wake.push(resolve);
        setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
    }
    return true;
  }

  return {
    messages,
    get ended() {
      return ended;
    },
    waitFor: (until, timeoutMs = 10_000) => waitUntil(() => until(messages), timeoutMs),
    waitForEnd: (timeoutMs = 10_000) => waitUntil(() => ended, timeoutMs),
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
