import jpeg from 'jpeg-js';
import type { PhotoSpec, PhotoTolerances } from '../../../shared/catalog/photo-spec';
import type { DetectedFace, FaceImage } from '../face/face-engine';
import { FACE_PROBLEMS, judgeFace } from './face-rules';

/**
 * Why a camera frame cannot become the service's photo. `checkFailed` is the kiosk's fault, not the
 * frame's: the check itself did not finish (its worker thread died or hung, or the host is closing).
 * `faceCheckUnavailable` is the kiosk's too: its face engine did not load.
 */
export const PHOTO_PROBLEMS = [
  'notJpeg',
  'tooLarge',
  'tooSmall',
  'background',
  'tooDark',
  'tooBright',
  'noSubject',
  ...FACE_PROBLEMS,
  'encoding',
  'checkFailed',
  'faceCheckUnavailable',
] as const;

/** Why a camera frame cannot become the service's photo. */
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number];

/** The photo, cropped and encoded to the spec, or everything that is wrong with the frame. */
export type PhotoCheckResult =
  | { ok: true; jpeg: Uint8Array; width: number; height: number; bytes: number; quality: number }
  | { ok: false; problems: PhotoProblem[] };

/** What a JPEG's frame header (SOFn) says, read without decoding anything. */
export interface JpegFrameHeader {
  width: number;
  height: number;
  components: number;
  precision: number;
}

/** Frames with a longer side are refused before decoding. */
export const MAX_INPUT_SIDE = 4096;

// jpeg-js keeps every component's coefficients plus the output: a 4096² 4:4:4 frame needs about
// 300 MB. The cap stops a crafted sampling factor or frame header from asking for more.
const MAX_DECODE_MEMORY_MB = 384;

/** Pixels as three bytes each, no alpha. */
export interface RgbImage {
  width: number;
  height: number;
  /** Three bytes per pixel, no alpha. */
  data: Uint8Array;
}

// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The frame header of a JPEG, or null when the bytes are not a well-formed JPEG up to its first scan. */
export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let header: JpegFrameHeader | null = null;
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // standalone markers carry no length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return header; // the frame header always precedes the first scan
    if (i + 3 >= bytes.length) return null;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (length < 2 || i + 2 + length > bytes.length) return null;
    if (isFrameMarker(marker)) {
      // A second frame is a multi-frame JPEG, which the decoder refuses anyway.
      if (header !== null || length < 8) return null;
      header = {
        precision: bytes[i + 4] ?? 0,
        height: ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0),
        width: ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0),
        components: bytes[i + 9] ?? 0,
      };
    }
    i += 2 + length;
  }
  return null;
}

export function decodeRgb(input: Uint8Array, header: JpegFrameHeader): RgbImage | null {
  try {
    const image = jpeg.decode(input, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: true,
      maxResolutionInMP: (MAX_INPUT_SIDE * MAX_INPUT_SIDE) / 1e6,
      maxMemoryUsageInMB: MAX_DECODE_MEMORY_MB,
    });
    const { width, height, data } = image;
    if (width !== header.width || height !== header.height || data.length !== width * height * 3) return null;
    return { width, height, data };
  } catch {
    // jpeg-js throws plain Errors for every kind of damage; to the resident they all mean "no usable picture".
    return null;
  }
}

/** A rectangle of pixels within an image. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The largest rectangle of the spec's aspect ratio, centred in the frame: where light and backdrop are judged before the face is found. */
function centredCrop(srcW: number, srcH: number, spec: PhotoSpec): Rect {
  let w = srcW;
  let h = Math.round((srcW * spec.height) / spec.width);
  if (h > srcH) {
    h = srcH;
    w = Math.round((srcH * spec.width) / spec.height);
  }
  return { x: Math.floor((srcW - w) / 2), y: Math.floor((srcH - h) / 2), w, h };
}

interface Taps {
  start: Int32Array;
  count: Int32Array;
  weight: Float32Array;
  stride: number;
}

/** Area-averaging taps: each output sample is the mean of the source span it covers, partial pixels weighted. */
function boxTaps(srcLen: number, dstLen: number): Taps {
  const scale = srcLen / dstLen;
  const stride = Math.ceil(scale) + 1;
  const start = new Int32Array(dstLen);
  const count = new Int32Array(dstLen);
  const weight = new Float32Array(dstLen * stride);
  for (let i = 0; i < dstLen; i++) {
    const lo = i * scale;
    const hi = Math.min(lo + scale, srcLen);
    const first = Math.floor(lo);
    const last = Math.min(Math.ceil(hi), srcLen);
    start[i] = first;
    count[i] = last - first;
    for (let j = first; j < last; j++) {
      weight[i * stride + (j - first)] = (Math.min(j + 1, hi) - Math.max(j, lo)) / scale;
    }
  }
  return { start, count, weight, stride };
}

/** Crops `rect` out of `src` and scales it down to `w` × `h` by area averaging (two separable passes). */
export function cropAndScale(src: RgbImage, rect: Rect, w: number, h: number): Uint8Array {
  const xt = boxTaps(rect.w, w);
  const yt = boxTaps(rect.h, h);
  const rows = new Float32Array(w * rect.h * 3);
  for (let y = 0; y < rect.h; y++) {
    const srcRow = ((rect.y + y) * src.width + rect.x) * 3;
    const dstRow = y * w * 3;
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const first = xt.start[x] ?? 0;
      const n = xt.count[x] ?? 0;
      for (let k = 0; k < n; k++) {
        const wt = xt.weight[x * xt.stride + k] ?? 0;
        const p = srcRow + (first + k) * 3;
        r += (src.data[p] ?? 0) * wt;
        g += (src.data[p + 1] ?? 0) * wt;
        b += (src.data[p + 2] ?? 0) * wt;
      }
      rows[dstRow + x * 3] = r;
      rows[dstRow + x * 3 + 1] = g;
      rows[dstRow + x * 3 + 2] = b;
    }
  }
  const out = new Uint8Array(w * h * 3);
  const acc = new Float32Array(w * 3);
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    const first = yt.start[y] ?? 0;
    const n = yt.count[y] ?? 0;
    for (let k = 0; k < n; k++) {
      const wt = yt.weight[y * yt.stride + k] ?? 0;
      const row = (first + k) * w * 3;
      for (let i = 0; i < acc.length; i++) acc[i] = (acc[i] ?? 0) + (rows[row + i] ?? 0) * wt;
    }
    for (let i = 0; i < acc.length; i++) out[y * w * 3 + i] = Math.min(255, Math.max(0, Math.round(acc[i] ?? 0)));
  }
  return out;
}

function lumaAt(rgb: Uint8Array, p: number): number {
  return 0.299 * (rgb[p] ?? 0) + 0.587 * (rgb[p + 1] ?? 0) + 0.114 * (rgb[p + 2] ?? 0);
}

function chromaAt(rgb: Uint8Array, p: number): number {
  const r = rgb[p] ?? 0;
  const g = rgb[p + 1] ?? 0;
  const b = rgb[p + 2] ?? 0;
  return Math.max(r, g, b) - Math.min(r, g, b);
}

interface BorderStats {
  meanLuma: number;
  stdDev: number;
  meanChroma: number;
}

/** Lightness, evenness and colour of strips along the top and both sides, where only the backdrop should show. */
function borderStats(rgb: Uint8Array, w: number, h: number, t: PhotoTolerances): BorderStats {
  const stripW = Math.max(1, Math.round(w * t.borderStrip));
  const stripH = Math.max(1, Math.round(h * t.borderStrip));
  const sideBottom = Math.max(stripH + 1, Math.round(h * t.sideStripDepth));
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let chroma = 0;
  const add = (x: number, y: number): void => {
    const p = (y * w + x) * 3;
    const l = lumaAt(rgb, p);
    n++;
    sum += l;
    sumSq += l * l;
    chroma += chromaAt(rgb, p);
  };
  for (let y = 0; y < stripH; y++) for (let x = 0; x < w; x++) add(x, y);
  for (let y = stripH; y < sideBottom; y++) {
    for (let x = 0; x < stripW; x++) add(x, y);
    for (let x = w - stripW; x < w; x++) add(x, y);
  }
  const meanLuma = sum / n;
  return { meanLuma, stdDev: Math.sqrt(Math.max(0, sumSq / n - meanLuma * meanLuma)), meanChroma: chroma / n };
}

interface CentreStats {
  /** Share of the centre that differs from the backdrop: someone is there. */
  subjectFraction: number;
  /** Share of the centre at or above the clipping luma: washed out. */
  clippedFraction: number;
}

/** The centre region, where the oval guide puts the face. */
function centreStats(rgb: Uint8Array, w: number, h: number, t: PhotoTolerances, bg: BorderStats): CentreStats {
  const x0 = Math.round(w * 0.3);
  const x1 = Math.round(w * 0.7);
  const y0 = Math.round(h * 0.25);
  const y1 = Math.round(h * 0.65);
  let n = 0;
  let subject = 0;
  let clipped = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = (y * w + x) * 3;
      const l = lumaAt(rgb, p);
      n++;
      if (l >= t.clippedLuma) clipped++;
      if (Math.abs(l - bg.meanLuma) >= t.subjectMinLumaDelta || Math.abs(chromaAt(rgb, p) - bg.meanChroma) >= t.subjectMinChromaDelta) {
        subject++;
      }
    }
  }
  return { subjectFraction: subject / n, clippedFraction: clipped / n };
}

/** The luma below which 95 % of the pixels fall. */
function lumaP95(rgb: Uint8Array): number {
  const histogram = new Uint32Array(256);
  const pixels = rgb.length / 3;
  for (let p = 0; p < rgb.length; p += 3) {
    const l = Math.round(lumaAt(rgb, p));
    histogram[l] = (histogram[l] ?? 0) + 1;
  }
  let seen = 0;
  for (let l = 0; l < 256; l++) {
    seen += histogram[l] ?? 0;
    if (seen >= pixels * 0.95) return l;
  }
  return 255;
}

/** What is wrong with a photo already cropped and scaled to the spec; empty when nothing is. */
function judge(rgb: Uint8Array, spec: PhotoSpec): PhotoProblem[] {
  const t = spec.tolerances;
  // In a dark frame the backdrop is grey and the face invisible: one actionable problem, not three.
  if (lumaP95(rgb) < t.darkMaxP95Luma) return ['tooDark'];
  const problems: PhotoProblem[] = [];
  const bg = borderStats(rgb, spec.width, spec.height, t);
  if (bg.meanLuma < t.backgroundMinLuma || bg.stdDev > t.backgroundMaxStdDev || bg.meanChroma > t.backgroundMaxChroma) {
    problems.push('background');
  }
  const centre = centreStats(rgb, spec.width, spec.height, t, bg);
  // A washed-out face merges into the white backdrop, so it also looks like "nobody": what tells
  // them apart is a trace of someone (hair, eyes) left unclipped in the centre.
  if (centre.clippedFraction > t.brightMaxClippedFraction && centre.subjectFraction >= t.subjectTraceFraction) {
    problems.push('tooBright');
  } else if (centre.subjectFraction < t.subjectMinFraction) {
    problems.push('noSubject');
  }
  return problems;
}

function encodeAt(rgba: Uint8Array, w: number, h: number, quality: number): Uint8Array | null {
  try {
    // Copy out of the Buffer: small Buffers share Node's pool, which must not travel with the photo.
    return new Uint8Array(jpeg.encode({ data: rgba, width: w, height: h }, quality).data);
  } catch {
    return null;
  }
}

// Camera frames of one kiosk are alike, so the first guess is often close and the search below
// usually needs two or three encodes, where plain bisection always needs seven (each ~45 ms).
const FIRST_QUALITY = 85;
// ln(bytes) grows by about this much per quality step between 50 and 95 on photo-like content.
const LN_BYTES_PER_QUALITY = 0.025;
// After this many interpolated guesses, bisect: the size curve can be too bent to interpolate.
const MAX_GUESSES = 4;

interface Sample {
  quality: number;
  bytes: number;
}

/** The next quality to try, strictly between the qualities known to give too small and too large a file. */
function nextQuality(below: Sample | null, above: Sample | null, target: number, tries: number): number {
  const lo = below?.quality ?? 0;
  const hi = above?.quality ?? 101;
  let guess = (lo + hi) / 2;
  if (tries < MAX_GUESSES) {
    if (below !== null && above !== null) {
      if (above.bytes > below.bytes) {
        guess = lo + ((Math.log(target) - Math.log(below.bytes)) * (hi - lo)) / (Math.log(above.bytes) - Math.log(below.bytes));
      }
    } else {
      const known = below ?? above;
      if (known !== null) guess = known.quality + (Math.log(target) - Math.log(known.bytes)) / LN_BYTES_PER_QUALITY;
    }
  }
  return Math.min(hi - 1, Math.max(lo + 1, Math.round(guess)));
}

/** A JPEG of the photo whose size is within [minBytes, maxBytes], found by a bracketed search on quality. */
function encodeToSize(rgb: Uint8Array, spec: PhotoSpec): { jpeg: Uint8Array; quality: number } | null {
  // jpeg-js reads RGBA and ignores the alpha byte; its output is always three 8-bit components.
  const rgba = new Uint8Array(spec.width * spec.height * 4);
  for (let s = 0, d = 0; s < rgb.length; s += 3, d += 4) {
    rgba[d] = rgb[s] ?? 0;
    rgba[d + 1] = rgb[s + 1] ?? 0;
    rgba[d + 2] = rgb[s + 2] ?? 0;
    rgba[d + 3] = 255;
  }
  const target = (spec.minBytes + spec.maxBytes) / 2;
  let below: Sample | null = null;
  let above: Sample | null = null;
  let quality = FIRST_QUALITY;
  // Each pass either returns or narrows the open bracket of untried qualities, so this ends.
  for (let tries = 1; ; tries++) {
    const out = encodeAt(rgba, spec.width, spec.height, quality);
    if (out === null) return null;
    if (out.length >= spec.minBytes && out.length <= spec.maxBytes) return { jpeg: out, quality };
    if (out.length < spec.minBytes) below = { quality, bytes: out.length };
    else above = { quality, bytes: out.length };
    // Nothing left to try: quality 100 is still too small (never padded with filler to make up
    // the bytes), quality 1 is still too large, or two neighbouring qualities jump over the range.
    if ((above?.quality ?? 101) - (below?.quality ?? 0) <= 1) return null;
    quality = nextQuality(below, above, target, tries);
  }
}

/** Finds the faces in a picture (the face engine's detect(), or a stand-in in tests); may reject. */
export type FaceFinder = (image: FaceImage) => Promise<readonly DetectedFace[]>;

// Faces are found on a copy no larger than this a side: plenty for the detector, and a 4096²
// frame would otherwise become a 200 MB tensor.
const DETECT_MAX_SIDE = 1024;

function scalePoint(p: { x: number; y: number }, s: number): { x: number; y: number } {
  return { x: p.x * s, y: p.y * s };
}

function scaleBox(b: Rect, s: number): Rect {
  return { x: b.x * s, y: b.y * s, w: b.w * s, h: b.h * s };
}

/** The faces in the frame, in the frame's pixels, found on a copy of at most DETECT_MAX_SIDE a side (the face match uses it too). */
export async function facesIn(image: RgbImage, findFaces: FaceFinder): Promise<DetectedFace[]> {
  const shrink = Math.min(1, DETECT_MAX_SIDE / Math.max(image.width, image.height));
  if (shrink === 1) return [...(await findFaces(image))];
  const w = Math.max(1, Math.round(image.width * shrink));
  const h = Math.max(1, Math.round(image.height * shrink));
  const small = { width: w, height: h, data: cropAndScale(image, { x: 0, y: 0, w: image.width, h: image.height }, w, h) };
  const back = image.width / w;
  return (await findFaces(small)).map((f) => ({
    ...f,
    box: scaleBox(f.box, back),
    head: scaleBox(f.head, back),
    eyes: { left: scalePoint(f.eyes.left, back), right: scalePoint(f.eyes.right, back) },
    chin: scalePoint(f.chin, back),
  }));
}

/**
 * Checks a camera frame against a photo spec and, if it passes, crops around the face, scales
 * and encodes it to the spec. Light and backdrop are judged first (a dark frame hides the face);
 * then the face rules (face-rules.ts); then the backdrop of the photo as cut out. Never rejects;
 * `findFaces` null (no face engine) answers faceCheckUnavailable, never a photo unchecked. The frame
 * is personal data: nothing here logs it.
 */
export async function checkAndEncodePhoto(input: Uint8Array, spec: PhotoSpec, findFaces: FaceFinder | null): Promise<PhotoCheckResult> {
  const header = readJpegFrameHeader(input);
  if (header === null || header.width === 0 || header.height === 0) return { ok: false, problems: ['notJpeg'] };
  if (header.width > MAX_INPUT_SIDE || header.height > MAX_INPUT_SIDE) return { ok: false, problems: ['tooLarge'] };
  const rect = centredCrop(header.width, header.height, spec);
  // Scaling up would only blur: the camera must deliver at least the spec's pixels.
  if (rect.w < spec.width || rect.h < spec.height) return { ok: false, problems: ['tooSmall'] };
  const image = decodeRgb(input, header);
  if (image === null) return { ok: false, problems: ['notJpeg'] };
  // 'noSubject' is the pixels' guess at "nobody there"; the face engine's answer replaces it.
  const light = judge(cropAndScale(image, rect, spec.width, spec.height), spec).filter((p) => p !== 'noSubject');
  if (light.includes('tooDark')) return { ok: false, problems: ['tooDark'] };
  if (findFaces === null) return { ok: false, problems: ['faceCheckUnavailable'] };
  let faces: DetectedFace[];
  try {
    faces = await facesIn(image, findFaces);
  } catch {
    return { ok: false, problems: ['checkFailed'] };
  }
  const verdict = judgeFace(faces, image, spec);
  if (!verdict.ok) {
    // A washed-out face is not found at all: the light is the problem to fix, not the face.
    const face = light.includes('tooBright') ? verdict.problems.filter((p) => p !== 'noFace') : verdict.problems;
    // The backdrop is judged where the photo will be cut; with the head out of place that is not
    // known yet, and the sitter's own shoulders (or a second person) in the centred crop's side
    // strips are no fault of the backdrop.
    const unknownCut = face.some((p) => p === 'offCentre' || p === 'tooFar' || p === 'tooClose' || p === 'severalFaces');
    return { ok: false, problems: [...light.filter((p) => !(unknownCut && p === 'background')), ...face] };
  }
  const rgb = cropAndScale(image, verdict.crop, spec.width, spec.height);
  const problems = judge(rgb, spec).filter((p) => p !== 'noSubject');
  if (problems.length > 0) return { ok: false, problems };
  const encoded = encodeToSize(rgb, spec);
  if (encoded === null) return { ok: false, problems: ['encoding'] };
  return { ok: true, jpeg: encoded.jpeg, width: spec.width, height: spec.height, bytes: encoded.jpeg.length, quality: encoded.quality };
}
