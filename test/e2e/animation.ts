// Assembles an animated GIF from PNG screenshots taken along an e2e scenario (the README's short
// capture). Pure JS from npm (pngjs decodes, gifenc quantizes and encodes), so no ffmpeg is needed.
//
// Size: every frame is scaled down (area average, so text stays smooth), all frames share one
// palette, and a pixel that did not change since the previous frame is written as transparent
// (the previous frame stays underneath), so a UI capture costs little more than what changes.
import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import { PNG } from 'pngjs';

export interface Frame {
  readonly png: Buffer;
  /** How long this frame shows, in milliseconds. */
  readonly delayMs: number;
}

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Scales an RGBA image by `scale` (< 1) with area averaging. */
export function downscale(img: Rgba, scale: number): Rgba {
  if (scale >= 1) return img;
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const out = new Uint8Array(width * height * 4);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let r = 0;
      let g = 0;
      let b = 0;
      let total = 0;
      for (let py = Math.floor(y0); py < Math.ceil(y1); py++) {
        const wy = Math.min(py + 1, y1) - Math.max(py, y0);
        for (let px = Math.floor(x0); px < Math.ceil(x1); px++) {
          const w = wy * (Math.min(px + 1, x1) - Math.max(px, x0));
          const i = (py * img.width + px) * 4;
          r += img.data[i] * w;
          g += img.data[i + 1] * w;
          b += img.data[i + 2] * w;
          total += w;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = Math.round(r / total);
      out[o + 1] = Math.round(g / total);
      out[o + 2] = Math.round(b / total);
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** Encodes the frames (all the same size) as a looping GIF scaled by `scale`. */
export function encodeGif(frames: readonly Frame[], scale = 0.75): Buffer {
  if (frames.length === 0) throw new Error('no frames to encode');
  const images = frames.map((f) => {
    const png = PNG.sync.read(f.png);
    return downscale({ width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) }, scale);
  });
  const { width, height } = images[0];
  if (images.some((i) => i.width !== width || i.height !== height)) throw new Error('frames differ in size');

  // One palette for all frames, from a sample of each: 222 quantized colours plus a ramp of 33 greys
  // (a UI is mostly grey, and a quantized light grey can come out tinted), and one transparent index.
  const step = 7;
  const pixels = width * height;
  const sample = new Uint8Array(Math.ceil(pixels / step) * 4 * images.length);
  let n = 0;
  for (const img of images) {
    for (let p = 0; p < pixels; p += step) {
      sample.set(img.data.subarray(p * 4, p * 4 + 4), n);
      n += 4;
    }
  }
  const greys = Array.from({ length: 33 }, (_, i) => Math.min(255, i * 8)).map((v) => [v, v, v]);
  const palette = [...quantize(sample.subarray(0, n), 222, { format: 'rgb565' }), ...greys];
  const transparentIndex = palette.length;
  const fullPalette = [...palette, [0, 0, 0]];

  const gif = GIFEncoder();
  let previous: Uint8Array | undefined;
  images.forEach((img, i) => {
    const index = applyPalette(img.data, palette, 'rgb565');
    const written = new Uint8Array(index);
    if (previous) {
      for (let p = 0; p < written.length; p++) if (index[p] === previous[p]) written[p] = transparentIndex;
    }
    gif.writeFrame(written, width, height, {
      palette: i === 0 ? fullPalette : undefined,
      delay: frames[i].delayMs,
      transparent: i > 0,
      transparentIndex,
      dispose: 1,
      repeat: 0,
    });
    previous = index;
  });
  gif.finish();
  return Buffer.from(gif.bytes());
}
