/**
 * Friends' cheers said under the coach (coach-player.ts holds one): one at a time, in the order they came,
 * only while the coach is silent. The coach starting cuts the cheer being said short (it is not said again:
 * the banner showed it), so no cue is ever interrupted or delayed; waiting cheers follow once the coach is
 * silent again. The player ducks the music while `speaking`, as it does for its own cues.
 */
import type { SpeechOutput } from "./speech-output";

/** A cheer is one short sentence (~3 s): one still going after this is stuck and must not hold the music down. */
export const CHEER_MAX_MS = 10_000;
/** An output still idle this long after `speak` dropped the cheer without an event (no voice, say). */
export const CHEER_START_GRACE_MS = 2_000;
/** Cheers waiting beyond these are shown but not said: a burst should not keep the runner listening. */
export const MAX_WAITING_CHEERS = 5;

interface WaitingCheer {
  text: string;
  /** Called with the moment it began to be said. */
  onSpoken?: (at: number) => void;
}

export class CheerVoice {
  private readonly waiting: WaitingCheer[] = [];
  private current: { token: number; startedAt: number } | null = null;
  private token = 0;
  private held = false;
  private volume = 1;
  private disposed = false;

  constructor(
    private readonly speech: SpeechOutput,
    private readonly lang: string,
    private readonly now: () => number,
    /** Called when `speaking` changes. */
    private readonly onSpeakingChange: () => void,
  ) {}

  get speaking(): boolean {
    return this.current !== null;
  }

  add(cheer: WaitingCheer): void {
    if (this.disposed || this.waiting.length >= MAX_WAITING_CHEERS) return;
    this.waiting.push(cheer);
    this.next();
  }

  /** Held while the coach speaks: cuts the cheer being said short, and keeps the others waiting. */
  setHeld(held: boolean): void {
    this.held = held;
    if (held) this.stop();
    else this.next();
  }

  setVolume(volume: number): void {
    this.volume = volume;
  }

  /** Call often (the player's tick): ends a cheer whose end the browser never reported. */
  check(): void {
    if (!this.current) return;
    const saidFor = this.now() - this.current.startedAt;
    if (saidFor > CHEER_MAX_MS || (saidFor > CHEER_START_GRACE_MS && !this.speech.speaking)) {
      this.stop();
      this.next();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
    this.stop();
  }

  private next(): void {
    if (this.disposed || this.held || this.current) return;
    const cheer = this.waiting.shift();
    if (!cheer) return;
    const token = ++this.token;
    const startedAt = this.now();
    this.current = { token, startedAt };
    this.onSpeakingChange();
    cheer.onSpoken?.(startedAt);
    this.speech.speak(cheer.text, { lang: this.lang, volume: this.volume }, () => this.done(token));
  }

  /** An utterance ended; a late event of one already cut short or timed out changes nothing. */
  private done(token: number): void {
    if (this.current?.token !== token) return;
    this.current = null;
    this.next();
    if (!this.current) this.onSpeakingChange();
  }

  private stop(): void {
    if (!this.current) return;
    this.current = null;
    this.speech.cancel();
    this.onSpeakingChange();
  }
}
