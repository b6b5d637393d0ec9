/**
 * The two app icons Teams requires, drawn in code so the package needs no binary assets:
 *   color.png   — 192×192, a white padlock on the accent colour
 *   outline.png — 32×32, the same padlock in white on a fully transparent background
 *     (Teams rejects an outline icon with any other colour or partial transparency).
 */
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const WHITE: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True where the padlock is drawn; u and v run 0..1 across and down the icon. */
function isPadlock(u: number, v: number): boolean {
  const inBody = u >= 0.24 && u <= 0.76 && v >= 0.46 && v <= 0.84;
  const keyhole = Math.hypot(u - 0.5, v - 0.6) <= 0.05 || (Math.abs(u - 0.5) <= 0.02 && v >= 0.6 && v <= 0.74);
  if (inBody) return !keyhole;
  // The shackle: the top half of a ring, with short legs down to the body.
  if (v <= 0.36) {
    const fromCentre = Math.hypot(u - 0.5, v - 0.36);
    return fromCentre >= 0.12 && fromCentre <= 0.2;
  }
  const fromMiddle = Math.abs(u - 0.5);
  return v < 0.46 && fromMiddle >= 0.12 && fromMiddle <= 0.2;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A minimal RGBA PNG encoder: 8-bit colour, no interlace, filter type 0 on every row. */
export function encodePng(size: number, pixelAt: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rowLength = 1 + size * 4;
  const raw = Buffer.alloc(rowLength * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) raw.set(pixelAt(x, y), y * rowLength + 1 + x * 4);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function parseHexColour(hex: string): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Accent colour must look like #1D70B8, got "${hex}"`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), 255];
}

/** Samples the shape at each pixel's centre. */
function padlockIcon(size: number, foreground: Rgba, background: Rgba): Buffer {
  return encodePng(size, (x, y) => (isPadlock((x + 0.5) / size, (y + 0.5) / size) ? foreground : background));
}

export function colorIcon(accentColor: string): Buffer {
  return padlockIcon(192, WHITE, parseHexColour(accentColor));
}

export function outlineIcon(): Buffer {
  return padlockIcon(32, WHITE, TRANSPARENT);
}
