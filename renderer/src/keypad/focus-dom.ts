/**
 * The page as the keypad sees it: the controls focus may move to, the open dialog that holds
 * focus, the screen's heading, and the few buttons the keypad's own keys stand for.
 */
import { nearest, type Direction, type Rect } from './spatial-focus';

/** Set on the keys of the on-screen keyboard that the keypad made focusable (see osk-keys.ts). */
export const ADOPTED = 'data-keypad-key';

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex], [contenteditable="true"]';
/** An open modal dialog (the kiosk's dialogs and alert dialogs). */
export const MODAL = '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]';
const CONTROL_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY']);
const CONTROL_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'option', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'textbox', 'combobox', 'slider', 'spinbutton']);

/**
 * The buttons Back and Help press. A component can name its own with `data-keypad-back` or
 * `data-keypad-help`; the rest are the kiosk's existing ones, by the test ids they already carry.
 */
export const TARGETS = {
  /** Closes a dialog without doing anything: Keep my answers, Close, I need more time. */
  dismiss: ['[data-keypad-back]', '[data-testid="help-close"]', '[data-testid="lang-close"]', '[data-testid="cancel-keep"]', '[data-testid="more-time"]'],
  /** A screen's Back (resident screens, payment's cancel, staff screens' back and cancel). */
  back: ['[data-keypad-back]', '[data-testid="back"]', '[data-testid="payment-cancel"]', '[data-testid="staff-cancel"]', '[data-testid="people-cancel"]', '[data-testid$="-back"]'],
  /** "Call an officer" in the header. */
  help: ['[data-keypad-help]', '[data-testid="help-open"]'],
} as const;

export function rectOf(el: Element): Rect {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/** Drawn where a resident can see it: some size, on the page, not hidden or inert. */
export function shown(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return false;
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  // Parked off the page, as the skip link is until it has focus.
  const width = doc.documentElement.scrollWidth;
  if (r.right + x <= 0 || r.bottom + y <= 0 || (width > 0 && r.left + x >= width)) return false;
  if (el.closest('[inert], [aria-hidden="true"], [hidden]')) return false;
  const style = view?.getComputedStyle(el);
  return style?.visibility !== 'hidden' && style?.display !== 'none';
}

function disabled(el: Element): boolean {
  return ('disabled' in el && el.disabled === true) || el.getAttribute('aria-disabled') === 'true';
}

/** A control a resident operates (as against a heading or a message that holds focus to be read). */
export function isControl(el: Element): boolean {
  if (CONTROL_TAGS.has(el.tagName)) return el.tagName !== 'A' || el.hasAttribute('href');
  const role = el.getAttribute('role');
  return el.hasAttribute(ADOPTED) || (role !== null && CONTROL_ROLES.has(role));
}

/** The screen's heading, which takes focus when a screen arrives. */
export function screenHeading(doc: Document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('main h1');
}

function zIndex(el: Element): number {
  const z = Number.parseInt(el.ownerDocument.defaultView?.getComputedStyle(el).zIndex ?? '', 10);
  return Number.isFinite(z) ? z : 0;
}

/** The open modal dialog drawn on top (highest backdrop, then the last in the page), or null. */
export function topDialog(doc: Document): HTMLElement | null {
  let top: HTMLElement | null = null;
  let topZ = -Infinity;
  for (const dialog of doc.querySelectorAll<HTMLElement>(MODAL)) {
    if (dialog.closest('[hidden], [inert]')) continue;
    const z = zIndex(dialog.closest('.dialog-backdrop') ?? dialog);
    // Later in the page wins a tie: it is drawn over the earlier one.
    if (z >= topZ) {
      top = dialog;
      topZ = z;
    }
  }
  return top;
}

/** Where arrows move within: the dialog on top, or the whole page. */
export function focusScope(doc: Document): HTMLElement {
  return topDialog(doc) ?? doc.body;
}

/** Controls in `scope` focus may move to, in reading order; the screen's heading is one of them. */
export function candidates(scope: HTMLElement): HTMLElement[] {
  const heading = screenHeading(scope.ownerDocument);
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => (el.tabIndex >= 0 || el.hasAttribute(ADOPTED) || el === heading) && !disabled(el) && shown(el),
  );
}

/** The first shown, enabled element in `root` that matches one of `selectors`, tried in order. */
export function findTarget(root: ParentNode, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) if (!disabled(el) && shown(el)) return el;
  }
  return null;
}

/** Where focus starts in a scope: a dialog's heading or first control, the screen's heading. */
export function startOf(scope: HTMLElement): HTMLElement | null {
  const doc = scope.ownerDocument;
  if (scope === doc.body) return screenHeading(doc) ?? candidates(scope)[0] ?? null;
  const heading = scope.querySelector<HTMLElement>('h1[tabindex], h2[tabindex]');
  return heading && shown(heading) ? heading : (candidates(scope)[0] ?? null);
}

/** Where focus goes in a dialog whose focused control went away: its first action, else its start. */
export function dialogLanding(dialog: HTMLElement): HTMLElement | null {
  const rows = dialog.querySelectorAll('.actions');
  const actions = rows.length > 0 ? candidates(rows[rows.length - 1] as HTMLElement) : [];
  return actions[0] ?? startOf(dialog);
}

/**
 * Moves focus one step in `direction`; returns whether it moved. From a heading (or another
 * focused text, such as an error summary) Down goes to the next control in reading order,
 * so the first Down on a new screen reaches its first control; otherwise it goes to the
 * nearest control that way. Focus outside the scope (lost, or behind a dialog) goes to the
 * scope's start.
 */
export function moveFocus(doc: Document, direction: Direction): boolean {
  const scope = focusScope(doc);
  const active = doc.activeElement;
  const all = candidates(scope);
  if (!(active instanceof HTMLElement) || active === doc.body || !scope.contains(active)) {
    const start = startOf(scope);
    start?.focus();
    return start !== null;
  }
  let target: HTMLElement | null = null;
  if (direction === 'down' && !isControl(active)) {
    target = all.find((c) => c !== active && !c.contains(active) && active.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
  }
  if (!target) {
    const others = all.filter((c) => c !== active && !c.contains(active)).map((item) => ({ item, rect: rectOf(item) }));
    target = nearest(rectOf(active), others, direction, { rtl: doc.documentElement.dir === 'rtl' });
  }
  if (!target) return false;
  target.focus();
  return true;
}
