/**
 * The import's parse worker: XML parsing of a large file takes seconds of CPU, which here never blocks the page
 * (the history stays scrollable, the progress bars move). Loaded only when the runner picks files.
 */
import { parseImportFile } from "./parse-core";

export interface ParseRequest {
  id: number;
  name: string;
  buffer: ArrayBuffer;
  now: number;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage: (message: unknown) => void;
};

scope.onmessage = (event) => {
  const { id, name, buffer, now } = event.data;
  void parseImportFile(name, new Uint8Array(buffer), now).then((result) => scope.postMessage({ id, result }));
};
