/**
 * The background tracks as scores: tempo (set to a walking, jogging or running cadence, one beat per step),
 * a four-chord loop, one bar of each drum and bass pattern, an arpeggio, and which layers play in each
 * eight-bar phrase. Editing a score and re-running `npm run audio:generate` gives a new file.
 *
 * Patterns are strings, one character per step: drums in sixteenths with `1`–`9` as loudness and `.` as
 * rest; bass in eighths with `R` root, `F` fifth, `O` octave; arpeggio steps index the chord's tones.
 */

export type Layer = "kick" | "snare" | "hats" | "openHats" | "bass" | "pad" | "arp";

export interface Chord {
  /** Any MIDI note of the root; voicings fold it into each part's range. */
  root: number;
  minor: boolean;
}

export interface TrackScore {
  id: string;
  titleEn: string;
  titleKo: string;
  bpm: number;
  chords: readonly Chord[];
  barsPerChord: number;
  drums: { kick: string; snare: string; hats: string; openHats: string; fill: string };
  bass: string;
  arp: string;
  /** Eight bars each, played in order, then the track loops. */
  phrases: readonly (readonly Layer[])[];
}

export const BARS_PER_PHRASE = 8;
export const BEATS_PER_BAR = 4;

const major = (root: number): Chord => ({ root, minor: false });
const minor = (root: number): Chord => ({ root, minor: true });

/** The phrases a track is built from: a groove, the full band, a lift with open hats, a lighter breather. */
const GROOVE: readonly Layer[] = ["kick", "hats", "bass", "pad"];
const FULL: readonly Layer[] = ["kick", "snare", "hats", "bass", "pad", "arp"];
const LIFT: readonly Layer[] = [...FULL, "openHats"];
const BREATHER: readonly Layer[] = ["kick", "hats", "pad", "arp"];

const C = 60, D = 62, E = 64, F = 65, G = 67, A = 69;

export const TRACKS: readonly TrackScore[] = [
  {
    id: "walk",
    titleEn: "Easy Stride",
    titleKo: "가벼운 걸음",
    bpm: 110,
    chords: [major(C), major(G), minor(A), major(F)],
    barsPerChord: 2,
    drums: {
      kick: "9.......8.5.....",
      snare: "....7.......7...",
      hats: "4.7.4.7.4.7.4.7.",
      openHats: "..............6.",
      fill: "....7.......7.68",
    },
    bass: "R..RF.O.",
    arp: "0.1.2.3.2.1.2.3.",
    phrases: [GROOVE, FULL, LIFT, BREATHER],
  },
  {
    id: "jog",
    titleEn: "Steady Jog",
    titleKo: "꾸준한 조깅",
    bpm: 150,
    chords: [minor(E), major(C), major(G), major(D)],
    barsPerChord: 2,
    drums: {
      kick: "9...9...9...9...",
      snare: "....8.......8...",
      hats: "3.8.3.8.3.8.3.8.",
      openHats: "..6...6...6...6.",
      fill: "....8.......8788",
    },
    bass: ".R.R.R.O",
    arp: "0.21.3.2",
    phrases: [GROOVE, FULL, LIFT, BREATHER, FULL, LIFT],
  },
  {
    id: "run",
    titleEn: "Tempo Run",
    titleKo: "템포 달리기",
    bpm: 170,
    chords: [minor(A), major(F), major(C), major(G)],
    barsPerChord: 2,
    drums: {
      kick: "9...9...9...9.5.",
      snare: "....9.......9...",
      hats: "5.8.5.8.5.8.5.8.",
      openHats: "..6...6...6...6.",
      fill: "....9...8.8.9899",
    },
    bass: "RRORRFOR",
    arp: "0.2.1.3.",
    phrases: [GROOVE, FULL, LIFT, FULL, BREATHER, FULL, LIFT, LIFT],
  },
];

/** Length of one loop of the track. */
export function loopSeconds(score: TrackScore): number {
  return (score.phrases.length * BARS_PER_PHRASE * BEATS_PER_BAR * 60) / score.bpm;
}
