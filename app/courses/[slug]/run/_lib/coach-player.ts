/**
 * The coach: speaks the course's cues and plays music under them, following the clock rather than counting
 * ticks. Each `tick()` derives the run's active seconds from its folded state and `now()`, so a throttled
 * timer, a suspended tab or a reload lands on the right cue (stale ones are skipped by `cueDueNow`).
 *
 * Three outputs: one voice element for cues, a speech output for friends' cheers (cheer-voice.ts: said under
 * the coach, only while its voice is silent, cut short when a cue starts), and the music bed (music-bed.ts)
 * that ducks while either voice speaks. No DOM or React here: the outputs are the few members of `<audio>`
 * and of speech synthesis it uses, so the player runs in unit tests with fakes and a fake clock.
 */
import { buildCueSchedule, courseDuration, type CourseStep, type ScheduledCue } from "@/domain/coaching/schedule";
import type { RunStatus } from "@/domain/run/events";
import { activeSecondsAt, cueDueNow, type RunTiming } from "@/domain/run/run-clock";
import type { AudioOutput } from "./audio-output";
import { CheerVoice } from "./cheer-voice";
import { MusicBed } from "./music-bed";
import { primeAudio } from "./prime-audio";
import { wallTimeAtActiveSeconds } from "./run-timing";
import { silentSpeech, type SpeechOutput } from "./speech-output";

export interface CoachLogEntry {
  key: string;
  /** Seconds of active running time the cue was due at (for pause/resume cues: when they were asked for). */
  scheduledAt: number;
  /** Epoch ms when the player asked the voice to speak it. */
  playedAtMs: number;
  /** playedAtMs minus the wall-clock moment the run reached `scheduledAt`. */
  lateMs: number;
}

export interface PlayerRun {
  timing: RunTiming;
  status: RunStatus;
}

export interface PlayerSettings {
  musicOn: boolean;
  /** 0..1 */
  musicVolume: number;
  /** 0..1 */
  voiceVolume: number;
}

export interface CoachPlayerOptions {
  steps: readonly CourseStep[];
  /** Cue key → voice file URL (from the course manifest). */
  voiceUrls: Readonly<Record<string, string>>;
  musicUrls: readonly string[];
  voice: AudioOutput;
  music: AudioOutput;
  /** Says the cheers (default: says nothing, so a cheer is only shown). */
  speech?: SpeechOutput;
  /** The cheers' language (BCP 47), the page's. */
  speechLang?: string;
  /** Active second up to which cues count as handled (spoken or skipped); -1 for a run that has just begun. */
  handledUpTo: number;
  now?: () => number;
  onCue?: (entry: CoachLogEntry) => void;
  /** Called when `handledUpTo` moves, so it can be kept across a reload. */
  onHandled?: (handledUpTo: number) => void;
  /** Called once when the course's last second is reached, with the wall-clock moment that happened. */
  onCourseEnd?: (endedAt: number) => void;
  /** True when the browser refused to play without a user gesture (e.g. after a reload). */
  onBlockedChange?: (blocked: boolean) => void;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Cheers' loudness as a share of the voice volume: kept a little under the coach, as the cues are the point. */
export const CHEER_VOLUME_SHARE = 0.8;

function isNotAllowed(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "NotAllowedError";
}

export class CoachPlayer {
  private readonly schedule: ScheduledCue[];
  private readonly total: number;
  private readonly now: () => number;
  private handledUpTo: number;
  private run: PlayerRun | null = null;
  private settings: PlayerSettings = { musicOn: true, musicVolume: 0.6, voiceVolume: 1 };
  private speaking = false;
  private voiceToken = 0;
  private voiceUrl: string | null = null;
  private readonly music: MusicBed;
  private readonly cheers: CheerVoice;
  private endReported = false;
  private blocked = false;
  private disposed = false;

  constructor(private readonly options: CoachPlayerOptions) {
    this.schedule = buildCueSchedule(options.steps);
    this.total = courseDuration(options.steps);
    this.now = options.now ?? Date.now;
    this.handledUpTo = options.handledUpTo;
    options.voice.addEventListener("ended", this.onVoiceDone);
    options.voice.addEventListener("error", this.onVoiceDone);
    this.music = new MusicBed(options.music, options.musicUrls, this.onPlayRefused);
    this.cheers = new CheerVoice(options.speech ?? silentSpeech, options.speechLang ?? "en-US", this.now, () => this.duck());
  }

  /** Takes the run's latest state and settings; a pause or resume after the first update is announced. */
  update(run: PlayerRun, settings: PlayerSettings): void {
    const previous = this.run?.status;
    this.run = run;
    this.settings = settings;
    this.options.voice.volume = clamp01(settings.voiceVolume);
    this.cheers.setVolume(clamp01(settings.voiceVolume * CHEER_VOLUME_SHARE));
    if (previous === "active" && run.status === "paused") this.say("paused");
    if (previous === "paused" && run.status === "active") this.say("resumed");
    this.music.set(settings.musicOn && run.status === "active", settings.musicVolume);
  }

  /** Speaks whatever cue is due now; call it often (every ~250 ms) and whenever the page becomes visible. */
  tick(): void {
    if (this.disposed) return;
    this.cheers.check();
    const run = this.run;
    if (!run || run.status !== "active") return;
    const now = this.now();
    const active = activeSecondsAt(run.timing, now);
    const { cue, handledUpTo } = cueDueNow(this.schedule, this.handledUpTo, active);
    if (handledUpTo !== this.handledUpTo) {
      this.handledUpTo = handledUpTo;
      this.options.onHandled?.(handledUpTo);
    }
    if (cue) this.speak(cue.key, cue.at, wallTimeAtActiveSeconds(run.timing, cue.at), now);
    if (active >= this.total && !this.endReported) {
      this.endReported = true;
      const endedAt = Math.min(now, wallTimeAtActiveSeconds(run.timing, this.total));
      // The end is always congratulated, even when a suspended tab only notices it late.
      if (cue?.key !== "course-complete") this.speak("course-complete", this.total, endedAt, now);
      this.options.onCourseEnd?.(endedAt);
    }
  }

  /**
   * Says a friend's cheer once the coach is silent, after the cheers before it; `onSpoken` gets the moment it
   * began. A cue starting cuts it short.
   */
  cheer(text: string, onSpoken?: (at: number) => void): void {
    if (!this.disposed) this.cheers.add({ text, onSpoken });
  }

  /**
   * Call from a user gesture (a click): a `play()` started inside one is allowed, and on iOS that unlocks
   * the element for later cues. Plays a voice file silently and restarts the music if it should play.
   */
  unlock(): void {
    this.setBlocked(false);
    const { voice } = this.options;
    const url = this.voiceUrl ?? Object.values(this.options.voiceUrls)[0];
    if (!this.speaking && url) {
      if (this.voiceUrl !== url) voice.src = url;
      this.voiceUrl = url;
      primeAudio(voice, url);
    }
    this.music.retry();
  }

  dispose(): void {
    this.disposed = true;
    const { voice } = this.options;
    voice.removeEventListener("ended", this.onVoiceDone);
    voice.removeEventListener("error", this.onVoiceDone);
    voice.pause();
    this.cheers.dispose();
    this.music.dispose();
  }

  /** Speaks a cue that is not on the schedule (paused, resumed) right away. */
  private say(key: string): void {
    if (!this.run) return;
    const now = this.now();
    this.speak(key, activeSecondsAt(this.run.timing, now), now, now);
  }

  /** `dueAt` is the wall-clock moment the cue was due (epoch ms); the log records how late it is spoken. */
  private speak(key: string, scheduledAt: number, dueAt: number, now: number): void {
    this.options.onCue?.({ key, scheduledAt, playedAtMs: now, lateMs: Math.max(0, Math.round(now - dueAt)) });
    const url = this.options.voiceUrls[key];
    if (!url) return;
    const { voice } = this.options;
    const token = ++this.voiceToken;
    if (this.voiceUrl === url) voice.currentTime = 0;
    else voice.src = url;
    this.voiceUrl = url;
    voice.muted = false;
    voice.volume = clamp01(this.settings.voiceVolume);
    this.setSpeaking(true);
    voice.play().then(
      () => this.setBlocked(false),
      (error: unknown) => {
        // A newer cue replacing this one rejects this play() with AbortError: that is not silence.
        if (token !== this.voiceToken) return;
        this.setSpeaking(false);
        this.onPlayRefused(error);
      },
    );
  }

  private readonly onVoiceDone = () => this.setSpeaking(false);

  private readonly onPlayRefused = (error: unknown) => {
    if (isNotAllowed(error)) this.setBlocked(true);
  };

  private setSpeaking(speaking: boolean): void {
    this.speaking = speaking;
    this.cheers.setHeld(speaking);
    this.duck();
  }

  private duck(): void {
    this.music.setDucked(this.speaking || this.cheers.speaking);
  }

  private setBlocked(blocked: boolean): void {
    if (blocked === this.blocked) return;
    this.blocked = blocked;
    this.options.onBlockedChange?.(blocked);
  }
}
