/**
 * A BroadcastChannel that tells the app's other tabs something changed in the database (a tab's own messages
 * never come back to it, so each module also tells its own listeners). Without BroadcastChannel (old
 * browsers, server rendering) each tab only follows its own changes.
 */
export interface TabChannel<T> {
  post(message: T): void;
  close(): void;
}

export function openTabChannel<T>(name: string, onMessage: (message: T) => void): TabChannel<T> | null {
  if (typeof BroadcastChannel === "undefined") return null;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<T>) => onMessage(event.data);
  // Node (unit tests) would otherwise stay alive for an open channel; browsers have no `unref`.
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  return {
    post(message) {
      channel.postMessage(message);
    },
    close() {
      channel.close();
    },
  };
}
