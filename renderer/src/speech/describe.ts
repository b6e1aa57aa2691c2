/**
 * The one description of a screen: read from the same DOM the resident sees, so what is spoken
 * cannot drift from what is shown. Screens mark only what the DOM cannot say by itself:
 * `data-personal` on names, numbers and addresses shown (spoken only into a headset; what is
 * typed into a field is personal unless the field says `data-personal="false"`), and
 * `data-speech="skip"` on what is not for speech, `data-speech="group"` on a key pad (a named
 * group of more than eight keys is taken for one anyway).
 */

export type ChoiceRole = 'button' | 'link' | 'radio' | 'checkbox' | 'field' | 'group';

export type SpokenPart =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'status'; text: string }
  | { kind: 'countdown'; text: string }
  | { kind: 'choice'; role: ChoiceRole; label: string; checked?: boolean; disabled?: boolean; value?: string; personalValue?: boolean }
  | { kind: 'personal'; text: string };

export interface ScreenDescription {
  /** The screen's h1, or a dialog's title when a dialog is open. */
  heading: string;
  parts: SpokenPart[];
}

/** More keys than this in a group make it a key pad (a rating's five levels are choices). */
const KEYPAD_KEYS = 8;
const BLOCKS = new Set(['P', 'LI', 'DT', 'DD', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'CAPTION', 'FIGCAPTION', 'LEGEND', 'SUMMARY', 'LABEL']);
const INTERACTIVE = 'button, a[href], input, select, textarea, [role="button"], [role="radio"], [role="checkbox"], [role="option"], [role="alert"], [role="status"], [role="timer"], [data-personal], [data-speech], img[alt], h1';

/** Collapses white space as a screen reader would. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return true;
  const style = el instanceof HTMLElement ? el.style : null;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

/** Text of an element as a screen reader gives it: alt texts and labels in, hidden parts out. */
function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || hidden(node)) return '';
  if (node instanceof HTMLImageElement) return node.alt;
  const label = node.getAttribute('aria-label');
  if (label) return label;
  return [...node.childNodes].map(textOf).join('');
}

/** The accessible name of a control: aria-labelledby, aria-label, its label, or its text. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const named = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id))
      .filter((n): n is HTMLElement => n !== null);
    if (named.length > 0) return clean(named.map(textOf).join(' '));
  }
  const label = el.getAttribute('aria-label');
  if (label) return clean(label);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    const labels = el.labels ? [...el.labels] : [];
    if (labels.length > 0) return clean(labels.map(textOf).join(' '));
    return clean(el.getAttribute('title') ?? el.getAttribute('placeholder'));
  }
  return clean([...el.childNodes].map(textOf).join(''));
}

function roleOf(el: Element): ChoiceRole | null {
  const role = el.getAttribute('role');
  if (role === 'radio' || role === 'option') return 'radio';
  if (role === 'checkbox') return 'checkbox';
  if (role === 'button') return 'button';
  if (el instanceof HTMLButtonElement) return 'button';
  if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) return 'link';
  if (el instanceof HTMLInputElement) {
    if (el.type === 'radio') return 'radio';
    if (el.type === 'checkbox') return 'checkbox';
    if (el.type === 'button' || el.type === 'submit') return 'button';
    return 'field';
  }
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return 'field';
  return null;
}

function checkedOf(el: Element): boolean | undefined {
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) return el.checked;
  const aria = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed') ?? el.getAttribute('aria-selected');
  return aria === null ? undefined : aria === 'true';
}

/** One control as a spoken choice; a field says what is in it. */
export function describeControl(el: Element): SpokenPart | null {
  const role = roleOf(el);
  if (!role) return null;
  const part: Extract<SpokenPart, { kind: 'choice' }> = { kind: 'choice', role, label: accessibleName(el) };
  const checked = checkedOf(el);
  if (checked !== undefined) part.checked = checked;
  if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') part.disabled = true;
  if (role === 'field') {
    const value = clean((el as HTMLInputElement).value);
    if (value) {
      part.value = value;
      // What a resident typed is theirs (names, numbers, addresses) unless a field says it is
      // not (a slip's reference number).
      if (!el.closest('[data-personal="false"]')) part.personalValue = true;
    }
  }
  return part;
}

function walk(node: Node, parts: SpokenPart[], labelled: Set<Element>): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = clean(node.textContent);
    if (text) parts.push({ kind: 'text', text });
    return;
  }
  if (!(node instanceof Element) || hidden(node)) return;
  // A label is spoken with its field, not before it as well.
  if (labelled.has(node)) return;
  // `data-personal="false"` on text (a station notice) says it is for everyone: read aloud as it is.
  if (node.hasAttribute('data-personal') && !(node.getAttribute('data-personal') === 'false' && !node.matches('input, textarea'))) {
    const field = node.matches('input, textarea') ? node : null;
    if (field) {
      const part = describeControl(field);
      if (part) parts.push(part);
      return;
    }
    const text = clean(textOf(node));
    if (text) parts.push({ kind: 'personal', text });
    return;
  }
  const speech = node.getAttribute('data-speech');
  if (speech === 'skip') return;
  // A key pad (a named group of many keys) is one control, said by its name, not forty keys;
  // the keys are said one at a time as the focus reaches them.
  if (speech === 'group' || (node.getAttribute('role') === 'group' && node.querySelectorAll('button').length > KEYPAD_KEYS)) {
    parts.push({ kind: 'choice', role: 'group', label: accessibleName(node) });
    return;
  }
  if (node.tagName === 'H1') {
    parts.push({ kind: 'heading', text: clean(textOf(node)) });
    return;
  }
  const role = node.getAttribute('role');
  if (role === 'alert') {
    const text = clean(textOf(node));
    if (text) parts.push({ kind: 'error', text });
    return;
  }
  if (role === 'timer') {
    const text = clean(textOf(node));
    if (text) parts.push({ kind: 'countdown', text });
    return;
  }
  if (role === 'status' && !node.querySelector(INTERACTIVE)) {
    const text = clean(textOf(node));
    if (text) parts.push({ kind: 'status', text });
    return;
  }
  const control = describeControl(node);
  if (control) {
    parts.push(control);
    return;
  }
  if (node instanceof HTMLImageElement) {
    if (clean(node.alt)) parts.push({ kind: 'text', text: clean(node.alt) });
    return;
  }
  // A paragraph or list item with nothing to press in it is one sentence, not its fragments.
  if (BLOCKS.has(node.tagName) && !node.querySelector(INTERACTIVE)) {
    const text = clean(textOf(node));
    if (text) parts.push({ kind: 'text', text });
    return;
  }
  for (const child of node.childNodes) walk(child, parts, labelled);
}

/**
 * What is on the screen now, in reading order: the open dialog when there is one (it is modal),
 * else the screen's main region.
 */
export function describeScreen(doc: Document = document): ScreenDescription | null {
  const dialogs = [...doc.querySelectorAll('[role="alertdialog"], [role="dialog"]')].filter((d) => !hidden(d));
  const root = dialogs.at(-1) ?? doc.getElementById('main');
  if (!root) return null;
  const labelled = new Set<Element>();
  for (const field of root.querySelectorAll('input, select, textarea')) {
    for (const label of (field as HTMLInputElement).labels ?? []) {
      // A label holding its own control (a radio inside its label) is the control's name.
      if (!label.contains(field)) labelled.add(label);
    }
  }
  const parts: SpokenPart[] = [];
  for (const child of root.childNodes) walk(child, parts, labelled);
  const titleId = root.getAttribute('aria-labelledby');
  const title = titleId ? clean(doc.getElementById(titleId)?.textContent) : '';
  const h1 = parts.find((p): p is Extract<SpokenPart, { kind: 'heading' }> => p.kind === 'heading');
  const heading = title || h1?.text || '';
  // The dialog's title is its heading: spoken once, first.
  const rest = parts.filter((p) => p !== h1 && !(title && p.kind === 'text' && p.text === title));
  return { heading, parts: rest };
}
