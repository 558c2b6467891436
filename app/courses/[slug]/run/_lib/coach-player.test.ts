import { describe, expect, it } from "vitest";
import { buildCueSchedule, type CourseStep } from "@/domain/coaching/schedule";
import type { PauseInterval } from "@/domain/run/run-clock";
import type { AudioOutput } from "./audio-output";
import { CHEER_MAX_MS, CHEER_START_GRACE_MS } from "./cheer-voice";
import { CHEER_VOLUME_SHARE, CoachPlayer, type CoachLogEntry, type PlayerRun } from "./coach-player";
import { DUCKED_MUSIC_SHARE } from "./music-bed";
import type { SpeechOutput } from "./speech-output";

/** An `<audio>` stand-in: records what was played and lets the test end playback. */
class FakeAudio implements AudioOutput {
  src = "";
  volume = 1;
  muted = false;
  currentTime = 0;
  paused = true;
  played: string[] = [];
  refuse: Error | null = null;
  private listeners = new Map<string, Set<() => void>>();

  play(): Promise<void> {
    if (this.refuse) return Promise.reject(this.refuse);
    this.paused = false;
    this.played.push(this.src);
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
  }
  addEventListener(type: string, listener: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void) {
    this.listeners.get(type)?.delete(listener);
  }
  end() {
    this.paused = true;
    for (const listener of this.listeners.get("ended") ?? []) listener();
  }
}

/** A speech synthesis stand-in: records what it was asked to say and lets the test end it. */
class FakeSpeech implements SpeechOutput {
  said: { text: string; lang: string; volume: number }[] = [];
  cancels = 0;
  /** Set to make the output report silence while a cheer is still current (a browser that dropped it). */
  idle = false;
  private onDone: (() => void) | null = null;

  get speaking() {
    return this.onDone !== null && !this.idle;
  }
  speak(text: string, options: { lang: string; volume: number }, onDone: () => void) {
    this.said.push({ text, ...options });
    this.onDone = onDone;
  }
  cancel() {
    this.cancels++;
    this.end(); // as a browser does, it reports the cancelled utterance as ended
  }
  end() {
    const onDone = this.onDone;
    this.onDone = null;
    onDone?.();
  }
  get texts() {
    return this.said.map((entry) => entry.text);
  }
}

const STEPS: CourseStep[] = [
  { type: "warmup", durationSeconds: 30 },
  { type: "run", durationSeconds: 70 },
  { type: "walk", durationSeconds: 10 },
];
const START = Date.UTC(2025, 4, 1, 6, 0, 0);
const KEYS = [...new Set([...buildCueSchedule(STEPS).map((cue) => cue.key), "paused", "resumed"])];
const VOICE_URLS = Object.fromEntries(KEYS.map((key) => [key, `/media/voice/en/${key}.mp3`]));
const MUSIC_URLS = ["/media/music/walk.mp3", "/media/music/jog.mp3"];
const SETTINGS = { musicOn: true, musicVolume: 0.5, voiceVolume: 0.9 };

function setup(handledUpTo = -1) {
  let now = START;
  const voice = new FakeAudio();
  const music = new FakeAudio();
  const speech = new FakeSpeech();
  const log: CoachLogEntry[] = [];
  const ends: number[] = [];
  const player = new CoachPlayer({
    steps: STEPS,
    voiceUrls: VOICE_URLS,
    musicUrls: MUSIC_URLS,
    voice,
    music,
    speech,
    speechLang: "ko-KR",
    handledUpTo,
    now: () => now,
    onCue: (entry) => log.push(entry),
    onCourseEnd: (at) => ends.push(at),
  });
  const pauses: PauseInterval[] = [];
  const run = (status: PlayerRun["status"]): PlayerRun => ({ status, timing: { startedAt: START, pauses: pauses.map((p) => ({ ...p })) } });
  /** Advances the clock in 250 ms ticks, as the page's interval does. */
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 250) {
      now += 250;
      player.tick();
    }
  };
  return { player, voice, music, speech, log, ends, pauses, run, advance, at: () => now, setNow: (value: number) => (now = value) };
}

describe("CoachPlayer", () => {
  it("speaks the whole schedule in order, on time, and reports the end once", () => {
    const { player, log, ends, run, advance } = setup();
    player.update(run("active"), SETTINGS);
    player.tick();
    advance(115_000);
    expect(log.map((entry) => entry.key)).toEqual(buildCueSchedule(STEPS).map((cue) => cue.key));
    expect(Math.max(...log.map((entry) => entry.lateMs))).toBeLessThanOrEqual(250);
    expect(ends).toEqual([START + 110_000]);
  });

  it("plays each cue's file on the voice output", () => {
    const { player, voice, run, advance } = setup();
    player.update(run("active"), SETTINGS);
    player.tick();
    advance(1_000);
    expect(voice.played).toEqual([VOICE_URLS["step-warmup-30"]]);
    expect(voice.volume).toBe(0.9);
  });

  it("ducks the music while the voice speaks and restores it after", () => {
    const { player, voice, music, run } = setup();
    player.update(run("active"), SETTINGS);
    expect(music.played).toEqual([MUSIC_URLS[0]]);
    expect(music.volume).toBe(0.5);
    player.tick();
    expect(music.volume).toBeCloseTo(0.5 * DUCKED_MUSIC_SHARE);
    voice.end();
    expect(music.volume).toBe(0.5);
  });

  it("moves to the next track when one ends, and wraps around", () => {
    const { player, music, run } = setup();
    player.update(run("active"), SETTINGS);
    music.end();
    music.end();
    expect(music.played).toEqual([MUSIC_URLS[0], MUSIC_URLS[1], MUSIC_URLS[0]]);
  });

  it("announces pause and resume, stops the music while paused, and shifts the schedule by the pause", () => {
    const { player, music, log, pauses, run, advance, at } = setup();
    player.update(run("active"), SETTINGS);
    player.tick();
    advance(12_000);
    pauses.push({ at: at(), resumedAt: null });
    player.update(run("paused"), SETTINGS);
    expect(music.paused).toBe(true);
    advance(60_000);
    pauses[0]!.resumedAt = at();
    player.update(run("active"), SETTINGS);
    expect(music.paused).toBe(false);
    advance(100_000);
    const keys = log.map((entry) => entry.key);
    expect(keys.filter((key) => key !== "paused" && key !== "resumed")).toEqual(buildCueSchedule(STEPS).map((cue) => cue.key));
    expect(keys.indexOf("paused")).toBe(1);
    expect(keys.indexOf("resumed")).toBe(2);
    expect(Math.max(...log.map((entry) => entry.lateMs))).toBeLessThanOrEqual(250);
  });

  it("does not announce the state it starts in (a reload of a paused run is silent)", () => {
    const { player, log, pauses, run } = setup(10);
    pauses.push({ at: START + 5_000, resumedAt: null });
    player.update(run("paused"), SETTINGS);
    player.tick();
    expect(log).toEqual([]);
  });

  it("skips cues that went stale while the tab slept, but still congratulates at the end", () => {
    const { player, log, ends, run, setNow } = setup();
    player.update(run("active"), SETTINGS);
    player.tick();
    setNow(START + 200_000);
    player.tick();
    expect(log.map((entry) => entry.key)).toEqual(["step-warmup-30", "course-complete"]);
    expect(ends).toEqual([START + 110_000]);
  });

  it("resumes after a reload without repeating cues already handled", () => {
    const { player, log, run, setNow, advance } = setup(30);
    setNow(START + 30_500);
    player.update(run("active"), SETTINGS);
    player.tick();
    advance(5_000);
    expect(log.map((entry) => entry.key)).toEqual([]);
  });

  it("reports a refused play() as blocked, and an unlock clears it", async () => {
    const blocked: boolean[] = [];
    const voice = new FakeAudio();
    const music = new FakeAudio();
    music.refuse = Object.assign(new Error("no gesture"), { name: "NotAllowedError" });
    const player = new CoachPlayer({
      steps: STEPS,
      voiceUrls: VOICE_URLS,
      musicUrls: MUSIC_URLS,
      voice,
      music,
      handledUpTo: -1,
      now: () => START,
      onBlockedChange: (value) => blocked.push(value),
    });
    player.update({ status: "active", timing: { startedAt: START, pauses: [] } }, SETTINGS);
    await Promise.resolve();
    expect(blocked).toEqual([true]);
    music.refuse = null;
    player.unlock();
    expect(blocked).toEqual([true, false]);
    expect(music.paused).toBe(false);
  });

  it("keeps music off when the runner turned it off", () => {
    const { player, music, run } = setup();
    player.update(run("active"), { ...SETTINGS, musicOn: false });
    expect(music.played).toEqual([]);
    player.update(run("active"), SETTINGS);
    expect(music.played).toEqual([MUSIC_URLS[0]]);
    player.update(run("active"), { ...SETTINGS, musicOn: false });
    expect(music.paused).toBe(true);
  });
});

describe("CoachPlayer: friends' cheers", () => {
  const ducked = 0.5 * DUCKED_MUSIC_SHARE;

  it("says a cheer in the page's language while the coach is silent, ducking the music until it ends", () => {
    const { player, music, speech, run, at } = setup();
    player.update(run("active"), SETTINGS);
    const spokenAt: number[] = [];
    player.cheer("Minji is cheering for you! Go go go!", (time) => spokenAt.push(time));
    expect(speech.said).toEqual([{ text: "Minji is cheering for you! Go go go!", lang: "ko-KR", volume: 0.9 * CHEER_VOLUME_SHARE }]);
    expect(spokenAt).toEqual([at()]);
    expect(music.volume).toBeCloseTo(ducked);
    speech.end();
    expect(music.volume).toBe(0.5);
  });

  it("waits while a coach cue plays, and is said once it ended", () => {
    const { player, voice, music, speech, run } = setup();
    player.update(run("active"), SETTINGS);
    player.tick(); // the warm-up cue
    player.cheer("Go go go!");
    expect(speech.said).toEqual([]);
    voice.end();
    expect(speech.texts).toEqual(["Go go go!"]);
    expect(music.volume).toBeCloseTo(ducked);
    speech.end();
    expect(music.volume).toBe(0.5);
  });

  it("is cut short when a cue starts, and not said again; the cue plays on time", () => {
    const { player, voice, music, speech, log, run } = setup();
    player.update(run("active"), SETTINGS);
    player.cheer("Go go go!");
    player.tick(); // the warm-up cue is due now
    expect(speech.cancels).toBe(1);
    expect(voice.played).toEqual([VOICE_URLS["step-warmup-30"]]);
    expect(log.map((entry) => entry.lateMs)).toEqual([0]);
    expect(music.volume).toBeCloseTo(ducked);
    voice.end();
    expect(speech.texts).toEqual(["Go go go!"]);
    expect(music.volume).toBe(0.5);
  });

  it("says queued cheers one after the other, in order", () => {
    const { player, voice, speech, run } = setup();
    player.update(run("active"), SETTINGS);
    player.tick();
    for (const text of ["one", "two", "three"]) player.cheer(text);
    voice.end();
    expect(speech.texts).toEqual(["one"]);
    speech.end();
    expect(speech.texts).toEqual(["one", "two"]);
    speech.end();
    speech.end();
    expect(speech.texts).toEqual(["one", "two", "three"]);
  });

  it("stops ducking when the browser never reports the end, or dropped the cheer", () => {
    const { player, music, speech, log, run, advance, setNow } = setup(30);
    setNow(START + 30_500); // the next cue is at 65 s
    player.update(run("active"), SETTINGS);
    player.cheer("stuck");
    player.cheer("dropped");
    advance(CHEER_MAX_MS + 250);
    expect(speech.texts).toEqual(["stuck", "dropped"]);
    expect(music.volume).toBeCloseTo(ducked);
    speech.idle = true;
    advance(CHEER_START_GRACE_MS + 250);
    expect(music.volume).toBe(0.5);
    expect(log).toEqual([]);
  });

  it("says nothing once disposed", () => {
    const { player, speech, run } = setup();
    player.update(run("active"), SETTINGS);
    player.cheer("one");
    player.cheer("two");
    player.dispose();
    player.cheer("three");
    expect(speech.texts).toEqual(["one"]);
    expect(speech.cancels).toBe(1);
  });
});
