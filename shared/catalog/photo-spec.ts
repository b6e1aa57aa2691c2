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

/** How the sitter must hold their head and where it must be, for every spec alike. */
export interface FaceTolerances {
  /** Faces the detector is less sure of than this (0–1) are not counted. */
  minScore: number;
  /** Another face counts (several faces: refused) when its head is at least this share of the sitter's head height. */
  otherFaceMinShare: number;
  /** Head turned left or right by more than this many degrees: refused. */
  maxYaw: number;
  /** Chin up or down by more than this: refused. */
  maxPitch: number;
  /** Head tilted towards a shoulder by more than this: refused. */
  maxRoll: number;
  /** An eye whose openness (lid gap over eye height) is below this is closed. */
  minEyeOpenness: number;
  /** The head's centre further from the frame's centre line than this share of the frame's width: off centre. */
  maxOffCentre: number;
  /** A head shorter than this share of the frame's height is too far away (too small). */
  minHeadInFrame: number;
}

/** Where the head must be in the delivered photo, from the spec's own numbers (shares of the photo's height). */
export interface FacePlacement {
  /** Head height, crown to chin. */
  headHeight: { min: number; max: number };
  /** From the crown to the photo's top edge. */
  crownMargin: { min: number; max: number };
  /** Where these numbers come from. */
  source: string;
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
  /** Where the head goes in the photo: the host crops around the face to this. */
  face: FacePlacement;
  faceTolerances: FaceTolerances;
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

/**
 * Pose and eyes. ISO/IEC 19794-5 (frontal images) allows 5° of yaw and pitch and 8° of roll; the
 * pose estimated from a face mesh is off by several degrees on its own (a frontal studio portrait
 * measured 7.8° of pitch), so yaw and pitch have room. 0.2 eye openness is the Human library's own
 * blink threshold. Off centre and too far are our choices for the kiosk's oval guide. Calibrate
 * all of them on the kiosk's camera.
 */
const FACE_TOLERANCES: FaceTolerances = {
  minScore: 0.5,
  otherFaceMinShare: 0.25,
  maxYaw: 12,
  maxPitch: 18,
  maxRoll: 8,
  minEyeOpenness: 0.2,
  maxOffCentre: 0.12,
  minHeadInFrame: 0.3,
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
  face: {
    // 2/3 is the standard's figure for a 32 mm high photo (21.3 mm); ±1.6 mm is our tolerance. It
    // gives no top margin: ours puts the head's box a little above the middle.
    headHeight: { min: 0.62, max: 0.72 },
    crownMargin: { min: 0.06, max: 0.12 },
    source: 'GA 461-2004: 26 × 32 mm, head about 2/3 of the height, face 15 ± 1 mm wide; margins our choice',
  },
  faceTolerances: FACE_TOLERANCES,
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
  face: {
    headHeight: { min: 28 / 48, max: 33 / 48 },
    crownMargin: { min: 3 / 48, max: 5 / 48 },
    source: 'Entry-exit photo rules: 33 × 48 mm, head 21–24 mm wide and 28–33 mm from chin to crown, crown 3–5 mm below the top edge',
  },
  faceTolerances: FACE_TOLERANCES,
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
  face: {
    headHeight: { min: 19 / 32, max: 22 / 32 },
    crownMargin: { min: 0.06, max: 0.12 },
    source: 'GA 482-2008 driving licence photo: 22 × 32 mm, head 14–16 mm wide and 19–22 mm long; margins our choice',
  },
  faceTolerances: FACE_TOLERANCES,
};

/** The specification of each photo kind a catalog step can ask for. */
export const PHOTO_SPECS = { residentId: RESIDENT_ID_PHOTO, entryExit: ENTRY_EXIT_PHOTO, drivingLicence: DRIVING_LICENCE_PHOTO } as const;

/**
 * The longest camera frame, in base64 characters (about 4.5 MB of JPEG), that `photo:check` takes.
 * The contract refuses a longer text before reading it and the host's checker refuses it before
 * decoding; a 4096 × 4096 frame at the renderer's quality is well under it.
 */
export const MAX_FRAME_BASE64_LENGTH = 6_000_000;
