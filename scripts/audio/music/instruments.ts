/**
 * The sounds the background music is made of, synthesised by sox (oscillators, noise, filters) and shaped
 * with simple amplitude envelopes here: a kick, a snare, closed and open hats, a saw bass, a plucked
 * string for arpeggios and a soft detuned pad. Nothing is sampled, so the music is ours to ship.
 */
import { MUSIC_SAMPLE_RATE_HZ, soxSynth } from "./pcm";

export interface Envelope {
  /** Linear rise from silence. */
  attackSeconds: number;
  /** Exponential decay time constant (the level falls to 37 % after this long); none = sustain. */
  decaySeconds?: number;
  /** Linear fade to silence over the last `releaseSeconds` of the sound. */
  releaseSeconds: number;
}

const A4_MIDI = 69;
const A4_HZ = 440;
/** Cents of detune between the two oscillators of each pad note: the slow beating makes it "warm". */
const PAD_DETUNE_RATIO = 1.006;

export function midiToHz(midi: number): number {
  return A4_HZ * 2 ** ((midi - A4_MIDI) / 12);
}

/** Applies an envelope in place and returns the samples. */
export function shape(samples: Float32Array, envelope: Envelope): Float32Array {
  const rate = MUSIC_SAMPLE_RATE_HZ;
  const releaseStart = samples.length - envelope.releaseSeconds * rate;
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const attack = envelope.attackSeconds > 0 ? Math.min(1, t / envelope.attackSeconds) : 1;
    const decay = envelope.decaySeconds ? Math.exp(-t / envelope.decaySeconds) : 1;
    const release = i > releaseStart ? Math.max(0, (samples.length - i) / (samples.length - releaseStart)) : 1;
    samples[i] = (samples[i] ?? 0) * attack * decay * release;
  }
  return samples;
}

function sumInto(target: Float32Array, source: Float32Array, gain: number): Float32Array {
  for (let i = 0; i < Math.min(target.length, source.length); i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0) * gain;
  return target;
}

const seconds = (value: number) => value.toFixed(4);
const hz = (value: number) => value.toFixed(3);

/** A short falling sine: the pitch drop is the "thump". */
export async function kick(): Promise<Float32Array> {
  const body = await soxSynth(["synth", 0.18, "sine", "160/48"]);
  return shape(body, { attackSeconds: 0.001, decaySeconds: 0.06, releaseSeconds: 0.01 });
}

/** Band-limited noise over a short falling tone. */
export async function snare(): Promise<Float32Array> {
  const noise = shape(await soxSynth(["synth", 0.22, "whitenoise", "highpass", 900, "lowpass", 7000]), {
    attackSeconds: 0.001,
    decaySeconds: 0.06,
    releaseSeconds: 0.02,
  });
  const tone = shape(await soxSynth(["synth", 0.22, "triangle", "200/150"]), { attackSeconds: 0.001, decaySeconds: 0.035, releaseSeconds: 0.02 });
  return sumInto(noise, tone, 0.6);
}

export async function closedHat(): Promise<Float32Array> {
  return shape(await soxSynth(["synth", 0.07, "whitenoise", "highpass", 7500, "highpass", 7500]), {
    attackSeconds: 0.0005,
    decaySeconds: 0.015,
    releaseSeconds: 0.01,
  });
}

export async function openHat(): Promise<Float32Array> {
  return shape(await soxSynth(["synth", 0.32, "whitenoise", "highpass", 6500, "highpass", 6500]), {
    attackSeconds: 0.001,
    decaySeconds: 0.08,
    releaseSeconds: 0.04,
  });
}

/** Sawtooth with a sine underneath for weight, filtered dark. */
export async function bassNote(midi: number, lengthSeconds: number): Promise<Float32Array> {
  const f = hz(midiToHz(midi));
  const len = seconds(lengthSeconds);
  const tone = await soxSynth(["synth", len, "sawtooth", f, "synth", len, "sine", "mix", f, "lowpass", 650, "lowpass", 900]);
  return shape(tone, { attackSeconds: 0.004, decaySeconds: 0.45, releaseSeconds: 0.03 });
}

/** sox's plucked string (a Karplus–Strong-like model), softened a little. */
export async function pluckNote(midi: number, lengthSeconds: number): Promise<Float32Array> {
  const tone = await soxSynth(["synth", seconds(lengthSeconds), "pluck", hz(midiToHz(midi)), "lowpass", 3800]);
  return shape(tone, { attackSeconds: 0.002, releaseSeconds: 0.05 });
}

/** Two slightly detuned, darkened saws with a slow swell. */
export async function padNote(midi: number, lengthSeconds: number): Promise<Float32Array> {
  const len = seconds(lengthSeconds);
  const base = midiToHz(midi);
  const darken = ["lowpass", 1000, "lowpass", 1500];
  const first = await soxSynth(["synth", len, "sawtooth", hz(base), ...darken]);
  const second = await soxSynth(["synth", len, "sawtooth", hz(base * PAD_DETUNE_RATIO), ...darken]);
  return shape(sumInto(first, second, 1), { attackSeconds: Math.min(0.35, lengthSeconds / 4), releaseSeconds: Math.min(0.5, lengthSeconds / 3) });
}
