/**
 * Plays a score (tracks.ts) into an MP3: places each instrument's notes on a sample grid, sends the pad and
 * arpeggio through echo and reverb (sox), masters and encodes (lame). To loop without a seam, the last bars
 * are also rendered before the start and cut off afterwards, so the echo and reverb tails of the loop's end
 * already sound under its beginning.
 */
import { runTool } from "../command";
import { bassNote, closedHat, kick, openHat, padNote, pluckNote, snare } from "./instruments";
import { mixInto, MUSIC_SAMPLE_RATE_HZ, secondsToSamples, silentStereo, soxEffects, soxToPcm16, sumStereo, type Stereo } from "./pcm";
import { BARS_PER_PHRASE, BEATS_PER_BAR, loopSeconds, type Chord, type Layer, type TrackScore } from "./tracks";

const BITRATE_KBPS = 64;
/** Bars rendered before the loop so its tails wrap around; longer than the reverb and echo ring. */
const PREROLL_BARS = 4;
const STEPS_PER_BEAT = 4;
const MAX_VELOCITY = 9;

/** Part levels before mastering (linear). */
const GAIN = { kick: 0.9, snare: 0.42, hats: 0.2, openHats: 0.14, bass: 0.34, pad: 0.075, arp: 0.2, snareToReverb: 0.15 } as const;
/** Stereo placement, -1 left … 1 right. */
const PAN = { hats: 0.3, openHats: -0.25, padSpread: 0.45, arpSpread: 0.35 } as const;
/** How far the pad dips under each kick, and how fast it comes back ("pumping"). */
const DUCK_DEPTH = 0.55;
const DUCK_RECOVERY_SECONDS = 0.12;
const BASS_GATE = 0.85;
const PLUCK_SECONDS = 0.9;
/** Extra pad length so one chord's release overlaps the next chord's swell. */
const PAD_OVERLAP_SECONDS = 0.35;
const ECHO = { gainIn: 0.8, gainOut: 0.9, decay: 0.32 } as const;
/** sox reverb: reverberance %, HF damping %, room scale %, stereo depth %, pre-delay ms. */
const REVERB = [50, 50, 90, 100, 15] as const;
const MASTER_PEAK_DBFS = -1;

export interface RenderedTrack {
  mp3: Buffer;
  durationSeconds: number;
}

const fold = (midi: number, low: number) => low + ((((midi - low) % 12) + 12) % 12);

function chordTones(chord: Chord): number[] {
  return [chord.root, chord.root + (chord.minor ? 3 : 4), chord.root + 7];
}

function voicings(chord: Chord) {
  const bassRoot = fold(chord.root, 33); // A1 … G#2
  const pad = chordTones(chord).map((note) => fold(note, 55)).sort((a, b) => a - b); // G3 … F#4
  const arpBase = chordTones(chord).map((note) => fold(note, 67)).sort((a, b) => a - b); // G4 … F#5
  const arp = [...arpBase, (arpBase[0] ?? 67) + 12];
  return { bass: { R: bassRoot, F: bassRoot + 7, O: bassRoot + 12 } as Record<string, number>, pad, arp };
}

/** Memoises each distinct sound so a note played 200 times is synthesised once. */
function soundCache() {
  const sounds = new Map<string, Promise<Float32Array>>();
  return (key: string, make: () => Promise<Float32Array>) => {
    let sound = sounds.get(key);
    if (!sound) {
      sound = make();
      sounds.set(key, sound);
    }
    return sound;
  };
}

function velocities(pattern: string): { step: number; level: number }[] {
  return [...pattern].flatMap((char, step) => (/[1-9]/.test(char) ? [{ step, level: Number(char) / MAX_VELOCITY }] : []));
}

function duck(stem: Stereo, kickFrames: readonly number[]): void {
  const recovery = DUCK_RECOVERY_SECONDS * MUSIC_SAMPLE_RATE_HZ;
  const sorted = [...kickFrames].sort((a, b) => a - b);
  let next = 0;
  let last = -Infinity;
  for (let i = 0; i < stem.left.length; i++) {
    while (next < sorted.length && (sorted[next] ?? Infinity) <= i) last = sorted[next++] ?? last;
    const gain = 1 - DUCK_DEPTH * Math.exp(-(i - last) / recovery);
    stem.left[i] = (stem.left[i] ?? 0) * gain;
    stem.right[i] = (stem.right[i] ?? 0) * gain;
  }
}

export async function renderTrack(score: TrackScore): Promise<RenderedTrack> {
  const beat = 60 / score.bpm;
  const bar = beat * BEATS_PER_BAR;
  const loopBars = score.phrases.length * BARS_PER_PHRASE;
  const prerollFrames = secondsToSamples(PREROLL_BARS * bar);
  const totalFrames = secondsToSamples((PREROLL_BARS + loopBars) * bar);
  const dry = silentStereo(totalFrames);
  const pad = silentStereo(totalFrames);
  const arp = silentStereo(totalFrames);
  const reverbSend = silentStereo(totalFrames);
  const kickFrames: number[] = [];
  const sound = soundCache();
  const drums = {
    kick: await sound("kick", kick),
    snare: await sound("snare", snare),
    hat: await sound("hat", closedHat),
    openHat: await sound("openHat", openHat),
  };

  for (let renderBar = 0; renderBar < PREROLL_BARS + loopBars; renderBar++) {
    const scoreBar = (renderBar - PREROLL_BARS + loopBars) % loopBars;
    const layers = new Set<Layer>(score.phrases[Math.floor(scoreBar / BARS_PER_PHRASE)] ?? []);
    const lastBarOfPhrase = scoreBar % BARS_PER_PHRASE === BARS_PER_PHRASE - 1;
    const chordIndex = Math.floor(scoreBar / score.barsPerChord) % score.chords.length;
    const chord = score.chords[chordIndex];
    if (!chord) throw new Error(`${score.id}: no chord ${chordIndex}`);
    const voicing = voicings(chord);
    const barStart = renderBar * bar;
    const at = (stepSeconds: number, step: number) => secondsToSamples(barStart + step * stepSeconds);
    const sixteenth = beat / STEPS_PER_BEAT;

    if (layers.has("kick")) {
      for (const { step, level } of velocities(score.drums.kick)) {
        mixInto(dry, drums.kick, at(sixteenth, step), GAIN.kick * level);
        kickFrames.push(at(sixteenth, step));
      }
    }
    if (layers.has("snare")) {
      for (const { step, level } of velocities(lastBarOfPhrase ? score.drums.fill : score.drums.snare)) {
        mixInto(dry, drums.snare, at(sixteenth, step), GAIN.snare * level);
        mixInto(reverbSend, drums.snare, at(sixteenth, step), GAIN.snareToReverb * level);
      }
    }
    if (layers.has("hats")) {
      for (const { step, level } of velocities(score.drums.hats)) mixInto(dry, drums.hat, at(sixteenth, step), GAIN.hats * level, PAN.hats);
    }
    if (layers.has("openHats")) {
      for (const { step, level } of velocities(score.drums.openHats)) {
        mixInto(dry, drums.openHat, at(sixteenth, step), GAIN.openHats * level, PAN.openHats);
      }
    }
    if (layers.has("bass")) {
      const eighth = bar / score.bass.length;
      for (const [step, char] of [...score.bass].entries()) {
        const note = voicing.bass[char];
        if (note === undefined) continue;
        const tone = await sound(`bass:${note}:${eighth}`, () => bassNote(note, eighth * BASS_GATE));
        mixInto(dry, tone, at(eighth, step), GAIN.bass);
      }
    }
    if (layers.has("pad") && scoreBar % score.barsPerChord === 0) {
      const length = score.barsPerChord * bar + PAD_OVERLAP_SECONDS;
      for (const [voice, note] of voicing.pad.entries()) {
        const tone = await sound(`pad:${note}:${length}`, () => padNote(note, length));
        mixInto(pad, tone, secondsToSamples(barStart), GAIN.pad, (voice - 1) * PAN.padSpread);
      }
    }
    if (layers.has("arp")) {
      const step = bar / score.arp.length;
      for (const [index, char] of [...score.arp].entries()) {
        const note = voicing.arp[Number(char)];
        if (!/[0-9]/.test(char) || note === undefined) continue;
        const tone = await sound(`pluck:${note}`, () => pluckNote(note, PLUCK_SECONDS));
        mixInto(arp, tone, at(step, index), GAIN.arp, index % 2 === 0 ? -PAN.arpSpread : PAN.arpSpread);
      }
    }
  }

  duck(pad, kickFrames);
  const dottedEighthMs = (beat * 0.75 * 1000).toFixed(1);
  const echoed = await soxEffects(arp, ["echo", ECHO.gainIn, ECHO.gainOut, dottedEighthMs, ECHO.decay]);
  const reverbed = await soxEffects(sumStereo({ stereo: pad, gain: 1 }, { stereo: echoed, gain: 1 }, { stereo: reverbSend, gain: 1 }), [
    "reverb",
    ...REVERB,
  ]);
  const mix = sumStereo({ stereo: dry, gain: 1 }, { stereo: reverbed, gain: 1 });
  const pcm = await soxToPcm16(mix, [
    "highpass", 25,
    // Gentle compression: lifts quiet passages, holds peaks.
    "compand", "0.005,0.15", "6:-40,-40,-20,-15,0,-8", "-2",
    "gain", "-n", MASTER_PEAK_DBFS,
    "trim", `${prerollFrames}s`, `${totalFrames - prerollFrames}s`,
  ]);
  const mp3 = await runTool(
    "lame",
    [
      "--quiet", "-r", "-s", String(MUSIC_SAMPLE_RATE_HZ / 1000), "--signed", "--little-endian", "--bitwidth", "16",
      "-m", "j", "--cbr", "-b", String(BITRATE_KBPS), "-q", "2", "-", "-",
    ],
    pcm,
  );
  return { mp3, durationSeconds: Math.round(loopSeconds(score) * 100) / 100 };
}
