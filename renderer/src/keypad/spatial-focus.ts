/**
 * Spatial focus for a physical keypad: which control lies nearest in the direction of an arrow
 * key, from bounding boxes alone. Pure: no DOM, so it is tested with plain rectangles.
 *
 * At an edge (nothing in that direction) there is no answer and focus stays where it is: a
 * blind resident who wraps round to the other side of the screen loses their place, and the
 * screen reader says nothing new, so stopping is the predictable choice.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Candidate<T> {
  item: T;
  rect: Rect;
}

export interface SpatialOptions {
  /** Right to left: among equally near controls, the one at the right comes first. */
  rtl?: boolean;
}

// Borders and rounding let neighbours overlap by a pixel or two; that still counts as beside.
const TOLERANCE = 2;
// How much a step sideways costs against a step ahead: a control straight ahead wins over one
// slightly nearer but off to the side. Moving along a row, leaving the row costs more.
const ORTHO_WEIGHT: Record<Direction, number> = { up: 2, down: 2, left: 5, right: 5 };
// Scores this close are a tie, settled by reading order (see `tieBreak`).
const TIE = 1;

/**
 * The rectangle turned so that `direction` points down the page: "ahead" is then always a
 * larger y, and "sideways" always x (for left and right, x and y swap).
 */
export function turn(r: Rect, direction: Direction): Rect {
  switch (direction) {
    case 'down':
      return r;
    case 'up':
      return { left: r.left, right: r.right, top: -r.bottom, bottom: -r.top };
    case 'right':
      return { left: r.top, right: r.bottom, top: r.left, bottom: r.right };
    case 'left':
      return { left: r.top, right: r.bottom, top: -r.right, bottom: -r.left };
  }
}

/** How far apart two ranges are (0 when they overlap). */
function gap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.max(aStart, bStart) - Math.min(aEnd, bEnd));
}

/** Whether `c` lies ahead of `from` (both turned): wholly past its far edge, give or take a border. */
function ahead(from: Rect, c: Rect): boolean {
  return c.top >= from.bottom - TOLERANCE;
}

/**
 * Partly ahead, for boxes that overlap: in the same column (row, for left and right), its
 * centre past the centre of `from` and reaching further. Used only when nothing lies wholly ahead.
 */
function partlyAhead(from: Rect, c: Rect): boolean {
  const sameLane = gap(from.left, from.right, c.left, c.right) === 0;
  return sameLane && (c.top + c.bottom) / 2 > (from.top + from.bottom) / 2 + TOLERANCE && c.bottom > from.bottom + TOLERANCE;
}

function score(from: Rect, c: Rect, direction: Direction): number {
  const along = Math.max(0, c.top - from.bottom);
  const sideways = gap(from.left, from.right, c.left, c.right);
  return along + ORTHO_WEIGHT[direction] * sideways;
}

/**
 * Among equally near controls: from something wider (a heading, a text box, the space bar) the
 * one nearest its starting edge, as a reader would begin a row; otherwise the one whose middle
 * is nearest its middle (one key of a grid to the key under it).
 */
function tieBreak(from: Rect, c: Rect, startAt: 'low' | 'high'): number {
  const fromWidth = from.right - from.left;
  const cWidth = c.right - c.left;
  if (fromWidth > cWidth + TOLERANCE) return startAt === 'low' ? Math.abs(c.left - from.left) : Math.abs(c.right - from.right);
  return Math.abs((c.left + c.right) / 2 - (from.left + from.right) / 2);
}

/**
 * The candidate nearest `from` in `direction`, or null at an edge. Candidates equal to `from`
 * (the focused control itself) should be left out by the caller.
 */
export function nearest<T>(from: Rect, candidates: readonly Candidate<T>[], direction: Direction, options: SpatialOptions = {}): T | null {
  const f = turn(from, direction);
  const turned = candidates.map((c) => ({ item: c.item, rect: turn(c.rect, direction) }));
  let pool = turned.filter((c) => ahead(f, c.rect));
  if (pool.length === 0) pool = turned.filter((c) => partlyAhead(f, c.rect));
  if (pool.length === 0) return null;
  // Sideways is x for up and down, where reading starts at the left (right in RTL); for left
  // and right it is y, where reading starts at the top.
  const vertical = direction === 'up' || direction === 'down';
  const startAt = vertical && options.rtl ? 'high' : 'low';
  let best = pool[0]!;
  let bestScore = score(f, best.rect, direction);
  for (const c of pool.slice(1)) {
    const s = score(f, c.rect, direction);
    if (s < bestScore - TIE || (Math.abs(s - bestScore) <= TIE && tieBreak(f, c.rect, startAt) < tieBreak(f, best.rect, startAt))) {
      best = c;
      bestScore = Math.min(s, bestScore);
    }
  }
  return best.item;
}
