/**
 * Audio as numbers for the music generator: mono and stereo float buffers, and passing them through sox
 * (raw 32-bit float, little-endian) for oscillators, filters and effects. Sox runs with `-R`, so its noise
 * and dither are seeded the same on every run and the same recipe gives the same bytes.
 */
import { endianness } from "node:os";
import { runTool } from "../command";

/** The rate lame itself picks for 64 kbps stereo: synthesising at it spares a resampling step. */
export const MUSIC_SAMPLE_RATE_HZ = 24_000;

export interface Stereo {
  left: Float32Array;
  right: Float32Array;
}

const FLOAT_FORMAT = ["-e", "floating-point", "-b", "32", "-L", "-t", "raw"] as const;

function assertLittleEndian() {
  if (endianness() !== "LE") throw new Error("the music generator reads sox's little-endian floats directly; run it on a little-endian machine");
}

function toFloats(bytes: Buffer): Float32Array {
  assertLittleEndian();
  // Copy into a fresh, aligned ArrayBuffer: a Buffer may sit at any offset of a shared pool.
  return new Float32Array(new Uint8Array(bytes).buffer);
}

function toBytes(samples: Float32Array): Buffer {
  assertLittleEndian();
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

export function secondsToSamples(seconds: number): number {
  return Math.round(seconds * MUSIC_SAMPLE_RATE_HZ);
}

/** Runs `sox -n … synth …` (plus effects) and returns the mono result. */
export async function soxSynth(effects: readonly (string | number)[]): Promise<Float32Array> {
  const args = ["-R", "-V1", "-n", "-r", String(MUSIC_SAMPLE_RATE_HZ), "-c", "1", ...FLOAT_FORMAT, "-", ...effects.map(String)];
  return toFloats(await runTool("sox", args));
}

export function silentStereo(length: number): Stereo {
  return { left: new Float32Array(length), right: new Float32Array(length) };
}

export function interleave({ left, right }: Stereo): Float32Array {
  const out = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    out[2 * i] = left[i] ?? 0;
    out[2 * i + 1] = right[i] ?? 0;
  }
  return out;
}

export function deinterleave(samples: Float32Array): Stereo {
  const frames = Math.floor(samples.length / 2);
  const stereo = silentStereo(frames);
  for (let i = 0; i < frames; i++) {
    stereo.left[i] = samples[2 * i] ?? 0;
    stereo.right[i] = samples[2 * i + 1] ?? 0;
  }
  return stereo;
}

/** Passes a stereo buffer through sox effects; the result may be longer or shorter (e.g. `trim`). */
export async function soxEffects(input: Stereo, effects: readonly (string | number)[]): Promise<Stereo> {
  const format = ["-r", String(MUSIC_SAMPLE_RATE_HZ), "-c", "2", ...FLOAT_FORMAT];
  const output = await runTool("sox", ["-R", "-V1", ...format, "-", ...format, "-", ...effects.map(String)], toBytes(interleave(input)));
  return deinterleave(toFloats(output));
}

/** Runs sox effects and returns 16-bit little-endian PCM, ready for lame. */
export async function soxToPcm16(input: Stereo, effects: readonly (string | number)[]): Promise<Buffer> {
  const inFormat = ["-r", String(MUSIC_SAMPLE_RATE_HZ), "-c", "2", ...FLOAT_FORMAT];
  const outFormat = ["-r", String(MUSIC_SAMPLE_RATE_HZ), "-c", "2", "-e", "signed-integer", "-b", "16", "-L", "-t", "raw"];
  return runTool("sox", ["-R", "-V1", ...inFormat, "-", ...outFormat, "-", ...effects.map(String)], toBytes(interleave(input)));
}

/** Adds `source` into `target` (in place) starting at frame `at`, scaled by `gain` and panned (-1 left … 1 right). */
export function mixInto(target: Stereo, source: Float32Array, at: number, gain: number, pan = 0): void {
  // Equal-power pan: the sound keeps its loudness as it moves across.
  const angle = ((pan + 1) * Math.PI) / 4;
  const leftGain = gain * Math.cos(angle) * Math.SQRT2;
  const rightGain = gain * Math.sin(angle) * Math.SQRT2;
  const end = Math.min(target.left.length, at + source.length);
  for (let i = Math.max(0, at); i < end; i++) {
    const sample = source[i - at] ?? 0;
    target.left[i] = (target.left[i] ?? 0) + sample * leftGain;
    target.right[i] = (target.right[i] ?? 0) + sample * rightGain;
  }
}

export function sumStereo(...parts: { stereo: Stereo; gain: number }[]): Stereo {
  const out = silentStereo(Math.max(...parts.map((part) => part.stereo.left.length)));
  for (const { stereo, gain } of parts) {
    for (let i = 0; i < stereo.left.length; i++) {
      out.left[i] = (out.left[i] ?? 0) + (stereo.left[i] ?? 0) * gain;
      out.right[i] = (out.right[i] ?? 0) + (stereo.right[i] ?? 0) * gain;
    }
  }
  return out;
}
