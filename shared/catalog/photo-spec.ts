/** Limits the host's photo checks use. Luma is BT.601 (0–255); fractions are of the pixels looked at. */
export interface PhotoTolerances {
  /** Width of the strips sampled along the top and the two sides, as a fraction of the photo. */
  borderStrip: number;
  /** The side strips stop here (fraction of the height), above where the shoulders reach the edges. */
  sideStripDepth: number;
  /** The border must be at least this light on average. */
  backgroundMinLuma: number;
  /** ...this even (standard deviation of luma), so shadows and patterned walls fail. */
  backgroundMaxStdDev: number;
  /** ...and this colourless (mean of max(R,G,B) − min(R,G,B)), so a light blue wall fails. */
  backgroundMaxChroma: number;
  /** Too dark when even the brightest 5 % of the photo is below this. */
  darkMaxP95Luma: number;
  /** A centre pixel at or above this luma is clipped (washed out). */
  clippedLuma: number;
  /** Too bright when more than this share of the centre region is clipped... */
  brightMaxClippedFraction: number;
  /** A centre pixel counts as "someone there" when its luma differs from the background by this much... */
  subjectMinLumaDelta: number;
  /** ...or its chroma does by this much. */
  subjectMinChromaDelta: number;
  /** Nobody there when fewer than this share of the centre region counts as someone. */
  subjectMinFraction: number;
  /** A clipped centre with at least this trace of someone is a washed-out face; with less, an empty frame. */
  subjectTraceFraction: number;
}

/** A photo specification: what the service's photo must be, and how strictly the host checks it. */
export interface PhotoSpec {
  id: 'residentId' | 'entryExit' | 'drivingLicence';
  /** Pixels of the delivered JPEG. */
  width: number;
  height: number;
  background: 'white';
  /** The delivered JPEG's size in bytes, inclusive. */
  minBytes: number;
  maxBytes: number;
  tolerances: PhotoTolerances;
}

// Shared by both specs: they differ in size, not in what a good studio-style photo looks like.
// Values were set against synthetic frames; calibrate them on the kiosk's real camera and backdrop.
const STUDIO_TOLERANCES: PhotoTolerances = {
  borderStrip: 0.06,
  sideStripDepth: 0.5,
  backgroundMinLuma: 200,
  backgroundMaxStdDev: 16,
  backgroundMaxChroma: 20,
  darkMaxP95Luma: 120,
  clippedLuma: 250,
  brightMaxClippedFraction: 0.3,
  subjectMinLumaDelta: 40,
  subjectMinChromaDelta: 30,
  subjectMinFraction: 0.25,
  subjectTraceFraction: 0.05,
};

/** GA 461-2004 resident ID card photo: 358 × 441 px, 24-bit colour, white background, JPEG of about 14–20 KB. */
export const RESIDENT_ID_PHOTO: PhotoSpec = {
  id: 'residentId',
  width: 358,
  height: 441,
  background: 'white',
  minBytes: 14_000,
  maxBytes: 20_480,
  tolerances: STUDIO_TOLERANCES,
};

/**
 * Entry-exit document photo: 33 × 48 mm, i.e. 390 × 567 px at 300 dpi, white background.
 * The 20–60 KB size range is our choice (the print size is what the rules fix), not a published figure.
 */
export const ENTRY_EXIT_PHOTO: PhotoSpec = {
  id: 'entryExit',
  width: 390,
  height: 567,
  background: 'white',
  minBytes: 20_000,
  maxBytes: 60_000,
  tolerances: STUDIO_TOLERANCES,
};

/**
 * Motor-vehicle driving licence photo: 22 × 32 mm, i.e. 260 × 378 px at 300 dpi, white
 * background. The 10–30 KB range is our choice, as for the entry-exit photo.
 */
export const DRIVING_LICENCE_PHOTO: PhotoSpec = {
  id: 'drivingLicence',
  width: 260,
  height: 378,
  background: 'white',
  minBytes: 10_000,
  maxBytes: 30_000,
  tolerances: STUDIO_TOLERANCES,
};

/** The specification of each photo kind a catalog step can ask for. */
export const PHOTO_SPECS = { residentId: RESIDENT_ID_PHOTO, entryExit: ENTRY_EXIT_PHOTO, drivingLicence: DRIVING_LICENCE_PHOTO } as const;

/**
 * The longest camera frame, in base64 characters (about 4.5 MB of JPEG), that `photo:check` takes.
 * The contract refuses a longer text before reading it and the host's checker refuses it before
 * decoding; a 4096 × 4096 frame at the renderer's quality is well under it.
 */
export const MAX_FRAME_BASE64_LENGTH = 6_000_000;
