/**
 * Makes the app icons in public/icons/ from scripts/icons/runner.svg (run after changing the glyph or the
 * brand colour: `npx tsx scripts/generate-icons.ts`; the PNGs are committed).
 *  - icon-192.png, icon-512.png: "any" purpose, a rounded square with transparent corners.
 *  - maskable-512.png: full-bleed colour, glyph inside the 80 % safe zone that launchers may crop to.
 *  - apple-touch-icon.png (180): full-bleed, iOS rounds the corners itself.
 */
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export const BRAND_GREEN = "#0b5d3b";
const OUT_DIR = path.join(process.cwd(), "public", "icons");
const GLYPH = readFileSync(path.join(process.cwd(), "scripts", "icons", "runner.svg"), "utf8")
  .replace(/<!--[\s\S]*?-->/g, "")
  .replace(/<svg[^>]*>|<\/svg>/g, "");

interface IconSpec {
  file: string;
  size: number;
  /** Corner radius as a share of the size; 0 = full bleed. */
  cornerRadius: number;
  /** Glyph size as a share of the icon. */
  glyphScale: number;
}

const ICONS: IconSpec[] = [
  { file: "icon-192.png", size: 192, cornerRadius: 0.22, glyphScale: 0.9 },
  { file: "icon-512.png", size: 512, cornerRadius: 0.22, glyphScale: 0.9 },
  { file: "maskable-512.png", size: 512, cornerRadius: 0, glyphScale: 0.7 },
  { file: "apple-touch-icon.png", size: 180, cornerRadius: 0, glyphScale: 0.82 },
];

function iconSvg({ cornerRadius, glyphScale }: IconSpec): string {
  const radius = 512 * cornerRadius;
  const offset = (512 * (1 - glyphScale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${radius}" fill="${BRAND_GREEN}"/>
  <g transform="translate(${offset} ${offset}) scale(${glyphScale})">${GLYPH}</g>
</svg>`;
}

await mkdir(OUT_DIR, { recursive: true });
for (const icon of ICONS) {
  await sharp(Buffer.from(iconSvg(icon)), { density: 72 * (icon.size / 512) * 4 })
    .resize(icon.size, icon.size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(OUT_DIR, icon.file));
  console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
}
