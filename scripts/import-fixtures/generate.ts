/**
 * Makes the messy import fixtures (test-support/import-fixtures/) from the shared real tracks (../shared/gpx),
 * one file per case a real export throws at an importer. Deterministic: rerunning it rewrites the same bytes.
 *   npx tsx scripts/import-fixtures/generate.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Encoder, Profile, type FileIdMesg, type RecordMesg } from "@garmin/fitsdk";
import { parseGpxPoints, type GpxPoint } from "@/domain/gpx/parse-gpx";
import { readFixture } from "@/test-support/fixtures";

const OUT = path.resolve(process.cwd(), "test-support", "import-fixtures");
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

const track = (name: string) =>
  parseGpxPoints(readFixture(name)).filter((p): p is GpxPoint & { ts: number } => p.ts !== null);

const iso = (ts: number) => new Date(ts).toISOString();
const trkpt = (p: GpxPoint, extra = "") =>
  `<trkpt lat="${p.lat}" lon="${p.lng}">${p.altitude !== null ? `<ele>${p.altitude}</ele>` : ""}${p.ts !== null ? `<time>${iso(p.ts)}</time>` : ""}${extra}</trkpt>`;
const gpx = (name: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="runcoach fixtures" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n<metadata><name>${name}</name></metadata>\n${body}\n</gpx>\n`;

function write(name: string, content: string | Uint8Array) {
  writeFileSync(path.join(OUT, name), content);
  console.log(`${name}: ${typeof content === "string" ? Buffer.byteLength(content) : content.length} bytes`);
}

mkdirSync(OUT, { recursive: true });
const garmin = track("wt-garmin-connect-run-3k.gpx"); // 206 points, 3 km
const mytracks = track("gpxgo-mytracks-android-4.4k.gpx"); // 413 points, 4.4 km

// 1. A watch that logged time and elevation before its first fix and in a tunnel: <trkpt> without lat/lon.
{
  const lines = garmin.map((p, i) =>
    i < 8 || (i >= 100 && i < 110)
      ? `<trkpt><ele>${p.altitude}</ele><time>${iso(p.ts)}</time></trkpt>`
      : trkpt(p),
  );
  write("no-position-points.gpx", gpx("Watch without a fix", `<trk><trkseg>\n${lines.join("\n")}\n</trkseg></trk>`));
}

// 2. Points without a time (a route drawn into a recording, an editor that dropped times).
{
  const lines = garmin.map((p, i) => (i % 25 === 5 ? trkpt({ ...p, ts: null }) : trkpt(p)));
  write("no-time-points.gpx", gpx("Some points without time", `<trk><trkseg>\n${lines.join("\n")}\n</trkseg></trk>`));
}

// 3. Two tracks, three segments, heart-rate extensions, Windows line endings, a byte-order mark, a UTF-8 name.
{
  const ext = (i: number) => `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${120 + (i % 40)}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`;
  const seg = (points: GpxPoint[], from: number) => `<trkseg>\n${points.map((p, i) => trkpt(p, ext(from + i))).join("\n")}\n</trkseg>`;
  const body = [
    `<trk><name>한강 아침 달리기 🏃 Ünïcødé</name>${seg(mytracks.slice(0, 150), 0)}${seg(mytracks.slice(150, 300), 150)}</trk>`,
    `<trk><name>두 번째 트랙</name>${seg(mytracks.slice(300), 300)}</trk>`,
  ].join("\n");
  const text = "\uFEFF" + gpx("한강 아침 달리기", body).replace(/\n/g, "\r\n");
  write("multi-track-crlf-utf8.gpx", text);
}

// 4. A TCX with Windows line endings and a lap with trackpoints that carry only heart rate.
{
  const tp = (p: GpxPoint) =>
    `<Trackpoint><Time>${iso(p.ts!)}</Time><Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lng}</LongitudeDegrees></Position><AltitudeMeters>${p.altitude}</AltitudeMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>`;
  const hrOnly = (p: GpxPoint) => `<Trackpoint><Time>${iso(p.ts!)}</Time><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>`;
  const lap = (points: GpxPoint[]) => `<Lap StartTime="${iso(points[0]!.ts!)}"><Track>\n${points.map((p, i) => (i % 30 === 29 ? hrOnly(p) : tp(p))).join("\n")}\n</Track></Lap>`;
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>${iso(garmin[0]!.ts)}</Id>\n${lap(garmin.slice(0, 100))}\n${lap(garmin.slice(100))}\n</Activity></Activities></TrainingCenterDatabase>\n`;
  write("two-laps-crlf.tcx", text.replace(/\n/g, "\r\n"));
}

// 5. A FIT activity (Garmin's encoder), with a few records before the first fix (no position).
const FILE_ID = Profile.MesgNum.FILE_ID!;
const RECORD = Profile.MesgNum.RECORD!;

function fitOf(points: (GpxPoint & { ts: number })[], noFixFirst: number) {
  const encoder = new Encoder();
  const start = new Date(points[0]!.ts);
  const fileId: FileIdMesg = { manufacturer: "development", product: 1, timeCreated: start, type: "activity" };
  encoder.onMesg(FILE_ID, fileId);
  points.forEach((p, i) => {
    const position =
      i < noFixFirst ? {} : { positionLat: Math.round(p.lat * SEMICIRCLES_PER_DEGREE), positionLong: Math.round(p.lng * SEMICIRCLES_PER_DEGREE) };
    const record: RecordMesg = { timestamp: new Date(p.ts), ...position, ...(p.altitude !== null ? { altitude: p.altitude } : {}) };
    encoder.onMesg(RECORD, record);
  });
  return encoder.close();
}
write("mytracks-run.fit", fitOf(mytracks, 5));

// 6. Bad files: each must be refused with its own reason, changing nothing.
{
  const whole = gpx("Cut short", `<trk><trkseg>\n${garmin.map((p) => trkpt(p)).join("\n")}\n</trkseg></trk>`);
  write("truncated.gpx", whole.slice(0, Math.floor(whole.length * 0.6)));
  write("waypoints-only.gpx", gpx("Only waypoints", `<wpt lat="37.5" lon="127.0"><name>Start</name></wpt>`));
  write("not-a-track.gpx", "PK\u0003\u0004 this is a zip archive renamed to .gpx");
  const fit = fitOf(garmin.slice(0, 50), 0);
  write("corrupt.fit", fit.slice(0, 20)); // a header and the start of a definition, then nothing
  write("notes.txt", "Ran 5 km today, felt great.\n");
}
