/** Reading a Server-Sent Events response in integration tests: messages as they arrive, parsed. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: unknown;
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
      buffer += decoder.decode(value, { stream: true });
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
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  return messages;
}
