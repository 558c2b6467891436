/**
 * The music under the coach: the course's tracks in turn on one `<audio>`, looping back to the first, at the
 * runner's volume, ducked while the voice speaks so a cue is never drowned. Plays only while told to (the
 * run is active and music is on).
 */
import type { AudioOutput } from "./audio-output";

/** Music volume while the voice speaks, as a share of the chosen music volume. */
export const DUCKED_MUSIC_SHARE = 0.3;

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export class MusicBed {
  private trackIndex = 0;
  private currentUrl: string | null = null;
  private playing = false;
  private volume = 0.6;
  private ducked = false;

  constructor(
    private readonly output: AudioOutput,
    private readonly urls: readonly string[],
    /** Called with the error when the browser refuses to play. */
    private readonly onPlayRefused: (error: unknown) => void,
  ) {
    output.addEventListener("ended", this.onTrackEnded);
  }

  /** Whether music should be heard now, and how loud (0..1) when the voice is silent. */
  set(playing: boolean, volume: number): void {
    this.playing = playing && this.urls.length > 0;
    this.volume = volume;
    this.sync();
  }

  setDucked(ducked: boolean): void {
    this.ducked = ducked;
    this.applyVolume();
  }

  /** Starts the music again if it should play (e.g. from a tap, after the browser refused). */
  retry(): void {
    this.sync();
  }

  dispose(): void {
    this.output.removeEventListener("ended", this.onTrackEnded);
    this.output.pause();
  }

  private readonly onTrackEnded = () => {
    if (this.urls.length === 0) return;
    this.trackIndex = (this.trackIndex + 1) % this.urls.length;
    this.sync();
  };

  private applyVolume(): void {
    this.output.volume = clamp01(this.volume * (this.ducked ? DUCKED_MUSIC_SHARE : 1));
  }

  private sync(): void {
    const { output } = this;
    this.applyVolume();
    if (!this.playing) {
      if (!output.paused) output.pause();
      return;
    }
    const url = this.urls[this.trackIndex % this.urls.length]!;
    if (this.currentUrl !== url) {
      output.src = url;
      this.currentUrl = url;
    }
    if (output.paused) {
      output.muted = false; // It may still be muted from the Start tap's unlock (prime-audio.ts).
      output.play().catch(this.onPlayRefused);
    }
  }
}
