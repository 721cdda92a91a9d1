// Draws EthicsBot's two Teams icons (a shield with a check mark) and writes them as PNG, with no dependencies:
//   color.png   192×192, the shield and check in white on the accent colour, full bleed
//   outline.png  32×32, the same shape in white on a transparent background
// Usage: node manifest/make-icons.mjs   (writes beside this script; the PNGs are committed)
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const accent = [0x1f, 0x5f, 0x7a];

// The shield's outline in unit coordinates: a flat top, straight sides, curving to a point at the bottom.
const shield = [];
const bezier = (p0, p1, p2, steps) => {
  for (let i = 0; i <= steps; i++) {
    const t = i / steps, u = 1 - t;
    shield.push([u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]]);
  }
};
shield.push([0.5, 0.1], [0.8, 0.2], [0.8, 0.5]);
bezier([0.8, 0.5], [0.78, 0.78], [0.5, 0.92], 24);
bezier([0.5, 0.92], [0.22, 0.78], [0.2, 0.5], 24);
shield.push([0.2, 0.2]);
const check = [[0.35, 0.52], [0.46, 0.64], [0.67, 0.4]];

function inside(x, y, polygon) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i], [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  if (dx === 0 && dy === 0) return Math.hypot(x - ax, y - ay);
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function distanceToPath(x, y, path, closed) {
  let best = Infinity;
  const n = closed ? path.length : path.length - 1;
  for (let i = 0; i < n; i++) best = Math.min(best, distanceToSegment(x, y, path[i], path[(i + 1) % path.length]));
  return best;
}

// Coverage of the white mark at a point: the shield's rim and the check mark.
function mark(x, y, stroke) {
  return distanceToPath(x, y, shield, true) <= stroke / 2 || distanceToPath(x, y, check, false) <= stroke / 2;
}

function draw(size, stroke, background) {
  const samples = 4; // 4×4 supersampling for smooth edges
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++)
          if (mark((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, stroke)) covered++;
      const a = covered / (samples * samples);
      const o = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(background[c] * (1 - a) + 255 * a);
        pixels[o + 3] = 255;
      } else {
        pixels[o] = pixels[o + 1] = pixels[o + 2] = 255;
        pixels[o + 3] = Math.round(255 * a);
        if (pixels[o + 3] === 0) pixels[o] = pixels[o + 1] = pixels[o + 2] = 0; // fully transparent pixels stay clean
      }
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const b of buffer) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

writeFileSync(join(here, "color.png"), png(192, draw(192, 0.075, accent)));
writeFileSync(join(here, "outline.png"), png(32, draw(32, 0.1, null)));
console.log("wrote color.png (192x192) and outline.png (32x32)");
