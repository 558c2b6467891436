/** The members of `HTMLAudioElement` the coach uses: an element satisfies it, and so does a test fake. */
export interface AudioOutput {
  src: string;
  volume: number;
  muted: boolean;
  currentTime: number;
  readonly paused: boolean;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: "ended" | "error", listener: () => void): void;
  removeEventListener(type: "ended" | "error", listener: () => void): void;
}
