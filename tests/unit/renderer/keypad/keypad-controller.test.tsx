// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalog } from '../../../../shared/catalog/services';
import type { Question as QuestionDef } from '../../../../shared/catalog/types';
import type { ScreenOf } from '../../../../shared/contract';
import { Button } from '../../../../renderer/src/components/Button';
import { Dialog } from '../../../../renderer/src/components/Dialog';
import { Page } from '../../../../renderer/src/components/Page';
import { INPUT_ATTR, installKeypad } from '../../../../renderer/src/keypad/keypad-controller';
import type { Rect } from '../../../../renderer/src/keypad/spatial-focus';
import { Identify } from '../../../../renderer/src/screens/Identify';
import { Question } from '../../../../renderer/src/screens/Question';
import { StaffDigitField } from '../../../../renderer/src/staff/StaffDigitField';
import { questionScreen } from '../questions/question-screen';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';

// happy-dom draws nothing: every element gets a box, stacked down the page in document order,
// unless a test places it (the keys of a pad in their grid).
const placed = new WeakMap<Element, Rect>();
function place(el: Element, left: number, top: number, width = 100, height = 60): void {
  placed.set(el, { left, top, right: left + width, bottom: top + height });
}
function boxOf(el: Element): DOMRect {
  const own = placed.get(el);
  if (own) return new DOMRect(own.left, own.top, own.right - own.left, own.bottom - own.top);
  if (el.closest('.visually-hidden')) return new DOMRect(0, 0, 1, 1);
  const i = [...document.body.querySelectorAll('*')].indexOf(el);
  return new DOMRect(0, 1000 + i * 70, 800, 60);
}

/** Places the ID number's box and its on-screen keypad as drawn: three columns, Clear across under them. */
function placePad(): void {
  place(document.querySelector('h1')!, 20, 100, 800, 80);
  place(document.querySelector('input')!, 20, 300, 600, 60);
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', 'delete'];
  keys.forEach((k, i) => {
    const el = document.querySelector(`[data-testid="key-${k}"]`);
    if (el) place(el, 20 + (i % 3) * 110, 400 + Math.floor(i / 3) * 70);
  });
  const clear = document.querySelector('[data-testid="key-clear"]');
  if (clear) place(clear, 20, 680, 320, 60);
}

const key = (k: string, more: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...more });
/** Lets the page's timers and observers run (the controller fixes focus after the current task). */
const settle = () => act(async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
});

let uninstall: () => void = () => undefined;
beforeEach(() => {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return boxOf(this);
  });
  uninstall = installKeypad(window);
});
afterEach(() => {
  uninstall();
  cleanup();
  vi.restoreAllMocks();
});

const question = (id: string): QuestionDef => {
  const found = catalog.flatMap((s) => s.steps).flatMap((s) => (s.kind === 'questions' ? s.questions : [])).find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};
const otpNumber: ScreenOf<'identify'> = { name: 'identify', phase: 'otpNumber', methods: ['idNumberOtp'], method: 'idNumberOtp', error: null, inputError: null, phoneMasked: null, busy: false, codesLeft: 3 };

describe('keypad: moving', () => {
  it('the first Down from a new screen\'s heading reaches its first control; arrows then move over the pad key by key', () => {
    renderWithI18n(<Identify {...screenProps(otpNumber)} />);
    placePad();
    expect(document.activeElement?.tagName).toBe('H1');
    expect(key('ArrowDown')).toBe(false);
    expect(document.activeElement).toBe(screen.getByTestId('idnumber-input'));
    key('ArrowDown');
    expect(document.activeElement).toBe(screen.getByTestId('key-1'));
    key('ArrowRight');
    key('ArrowDown');
    expect(document.activeElement).toBe(screen.getByTestId('key-5'));
    key('ArrowRight');
    // The edge of the pad: focus stays, and the arrow is the page's again (it may scroll).
    expect(key('ArrowRight')).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('key-6'));
    key('ArrowUp');
    expect(document.activeElement).toBe(screen.getByTestId('key-3'));
    key('ArrowUp');
    expect(document.activeElement).toBe(screen.getByTestId('idnumber-input'));
    key('ArrowUp');
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it('in a text box Left and Right move the caret until an end of the text, then leave the box', () => {
    renderWithI18n(<Identify {...screenProps(otpNumber)} />);
    const input = screen.getByTestId<HTMLInputElement>('idnumber-input');
    fireEvent.change(input, { target: { value: '123' } });
    place(input, 20, 200, 400, 60);
    const back = screen.getByTestId('back');
    place(back, 500, 200);
    input.focus();
    input.setSelectionRange(1, 1);
    expect(key('ArrowRight')).toBe(true);
    expect(document.activeElement).toBe(input);
    input.setSelectionRange(3, 3);
    expect(key('ArrowRight')).toBe(false);
    expect(document.activeElement).toBe(back);
  });

  it('arrows only move over radios, never change the choice; OK picks one and does not send the form', () => {
    const props = screenProps(questionScreen(question('temporaryReason')));
    renderWithI18n(<Question {...props} />);
    key('ArrowDown');
    const [first, second] = [screen.getByTestId<HTMLInputElement>('option-waitingForCard'), screen.getByTestId<HTMLInputElement>('option-travel')];
    expect(document.activeElement).toBe(first);
    expect(key('ArrowDown')).toBe(false);
    expect(document.activeElement).toBe(second);
    expect(first.checked || second.checked).toBe(false);
    expect(key('Enter')).toBe(false);
    expect(second.checked).toBe(true);
    expect(props.send).not.toHaveBeenCalled();
  });
});

describe('keypad: OK, digits, Back', () => {
  it('digits type on the form\'s on-screen keypad from wherever focus is in it; in the box they are the box\'s own', () => {
    const props = screenProps(otpNumber);
    renderWithI18n(<Identify {...props} />);
    const input = screen.getByTestId<HTMLInputElement>('idnumber-input');
    screen.getByTestId('key-5').focus();
    expect(key('4')).toBe(false);
    expect(input.value).toBe('4');
    screen.getByTestId('continue').focus();
    key('4');
    expect(input.value).toBe('44');
    // In the box the browser types the digit itself: the controller leaves the key alone.
    input.focus();
    expect(key('2')).toBe(true);
    expect(input.value).toBe('44');
    // OK in the box is the form's: Continue.
    expect(key('Enter')).toBe(true);
  });

  it('a read-only box (the staff door\'s PIN) takes digits through its keypad', () => {
    const onChange = vi.fn();
    renderWithI18n(
      <form>
        <StaffDigitField field="pin" value="12" invalid={false} onChange={onChange} />
      </form>,
    );
    screen.getByTestId('staff-pin').focus();
    expect(key('3')).toBe(false);
    expect(onChange).toHaveBeenCalledWith('123');
  });

  it('Back presses the screen\'s Back; a screen without one ignores it', () => {
    const props = screenProps(otpNumber);
    const { unmount } = renderWithI18n(<Identify {...props} />);
    expect(key('Escape')).toBe(false);
    expect(props.send).toHaveBeenCalledWith({ type: 'BACK' });
    unmount();
    renderWithI18n(<Page heading="Done" screenKey="done" testId="done" />);
    expect(key('Escape')).toBe(true);
  });

  it('holding OK presses once; OK presses a control the browser would not (a role="button")', () => {
    const onClick = vi.fn();
    renderWithI18n(
      <Page heading="Here" screenKey="here" testId="here">
        <div role="button" tabIndex={0} onClick={onClick} data-testid="custom">
          Go
        </div>
      </Page>,
    );
    screen.getByTestId('custom').focus();
    expect(key('Enter')).toBe(false);
    expect(key('Enter', { repeat: true })).toBe(false);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('marks the page as in keypad use on a keypad key or Tab, not on other keys', () => {
    renderWithI18n(<Page heading="Here" screenKey="here" testId="here" />);
    key('a');
    expect(document.documentElement.hasAttribute(INPUT_ATTR)).toBe(false);
    key('ArrowDown');
    expect(document.documentElement.getAttribute(INPUT_ATTR)).toBe('keypad');
  });
});

/** A screen with Start again (asking first, in the kiosk's dialog) and a Call an officer button. */
function Harness({ onCancel, onHelp }: { onCancel: () => void; onHelp: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button onClick={onHelp} aria-expanded={false} data-testid="help-open">
        Help
      </Button>
      <Page heading="A question" screenKey="q" testId="q">
        <Button onClick={() => setAsking(true)} data-testid="start-again">
          Start again
        </Button>
      </Page>
      {asking ? (
        <Dialog
          title="Start again?"
          testId="cancel-dialog"
          actions={
            <>
              <Button onClick={onCancel} data-testid="cancel-confirm">
                Yes
              </Button>
              <Button variant="secondary" onClick={() => setAsking(false)} data-testid="cancel-keep">
                No
              </Button>
            </>
          }
        >
          <p>Your answers go.</p>
        </Dialog>
      ) : null}
    </>
  );
}

describe('keypad: dialogs, Help and lost focus', () => {
  it('Back closes the dialog on top without acting, and focus returns to the button that opened it', async () => {
    const onCancel = vi.fn();
    renderWithI18n(<Harness onCancel={onCancel} onHelp={vi.fn()} />);
    const startAgain = screen.getByTestId('start-again');
    startAgain.focus();
    fireEvent.click(startAgain);
    expect(document.activeElement).toBe(screen.getByTestId('cancel-confirm'));
    // Arrows stay inside the dialog.
    key('ArrowDown');
    expect(screen.getByTestId('cancel-dialog').contains(document.activeElement)).toBe(true);
    expect(key('Escape')).toBe(false);
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(onCancel).not.toHaveBeenCalled();
    await settle();
    expect(document.activeElement).toBe(startAgain);
  });

  it('Help closes an open dialog as Back would, then presses Call an officer', () => {
    const onHelp = vi.fn();
    const onCancel = vi.fn();
    renderWithI18n(<Harness onCancel={onCancel} onHelp={onHelp} />);
    fireEvent.click(screen.getByTestId('start-again'));
    expect(key('F1')).toBe(false);
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(onCancel).not.toHaveBeenCalled();
    expect(onHelp).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByTestId('help-open'));
  });

  it('when the focused control goes away, focus goes to the screen\'s heading, never the body', async () => {
    function Vanishing() {
      const [shown, setShown] = useState(true);
      return (
        <Page heading="Photo" screenKey="photo" testId="photo">
          {shown ? (
            <Button onClick={() => setShown(false)} data-testid="take">
              Take
            </Button>
          ) : null}
        </Page>
      );
    }
    renderWithI18n(<Vanishing />);
    const take = screen.getByTestId('take');
    take.focus();
    fireEvent.click(take);
    await settle();
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it('a touch-keyboard key drawn afresh (Shift) keeps the focus in its place', async () => {
    renderWithI18n(<Page heading="Text" screenKey="text" testId="text" />);
    const keyboard = document.createElement('div');
    keyboard.className = 'osk';
    keyboard.innerHTML = '<div class="hg-rows"><div class="hg-button" data-skbtn="q" data-skbtnuid="default-r1b0"><span>q</span></div><div class="hg-button" data-skbtn="w" data-skbtnuid="default-r1b1"><span>w</span></div></div>';
    document.querySelector('main')!.append(keyboard);
    await settle();
    const w = keyboard.querySelector<HTMLElement>('[data-skbtn="w"]')!;
    // Made a focus stop with a name: a button, out of the Tab order.
    expect(w.getAttribute('role')).toBe('button');
    expect(w.tabIndex).toBe(-1);
    w.focus();
    keyboard.innerHTML = '<div class="hg-rows"><div class="hg-button" data-skbtn="Q" data-skbtnuid="shift-r1b0"><span>Q</span></div><div class="hg-button" data-skbtn="W" data-skbtnuid="shift-r1b1"><span>W</span></div></div>';
    await settle();
    expect(document.activeElement?.getAttribute('data-skbtn')).toBe('W');
  });

  it('OK on a touch-keyboard key presses it the way it listens, by a pointer down and up', async () => {
    renderWithI18n(<Page heading="Text" screenKey="text" testId="text" />);
    const keyboard = document.createElement('div');
    keyboard.className = 'osk';
    keyboard.innerHTML = '<div class="hg-button" data-skbtn="a" data-skbtnuid="default-r2b0"><span>a</span></div>';
    document.querySelector('main')!.append(keyboard);
    await settle();
    const a = keyboard.querySelector<HTMLElement>('.hg-button')!;
    const seen: string[] = [];
    a.addEventListener('pointerdown', () => seen.push('down'));
    a.addEventListener('pointerup', () => seen.push('up'));
    a.focus();
    expect(key('Enter')).toBe(false);
    expect(seen).toEqual(['down', 'up']);
  });
});
