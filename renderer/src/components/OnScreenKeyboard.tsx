import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import type { SimpleKeyboard } from 'react-simple-keyboard';
import type { Lang } from '../../../shared/contract/schemas';
import { chooseCandidate, composedText, followEdit, type Composition } from '../pinyin/composition';
import { isPinyinLang, loadedPinyinEngine, loadPinyinEngine, type PinyinCandidate, type PinyinLang } from '../pinyin';
import 'simple-keyboard/build/css/index.css';
import './keyboard.css';

const LAYOUT = {
  default: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m {bksp}', '{space}'],
  shift: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M {bksp}', '{space}'],
};

const UPPER_LAYOUT = {
  default: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M - {bksp}'],
};

/** Candidates on the bar at once: one row of large buttons on the portrait screen. */
const PAGE_SIZE = 6;
/** Candidates fetched for one pinyin string: ten pages of "more" is plenty. */
const MAX_CANDIDATES = 60;

/**
 * The touch keyboard for free text. In Chinese a bar above the keys offers words for the
 * pinyin typed (zhangsan → 张三, in Traditional for zh-HK); choosing one replaces the letters.
 */
export function OnScreenKeyboard({
  value,
  onChange,
  lang,
  upperCase = false,
}: {
  value: string;
  onChange: (v: string) => void;
  lang: Lang;
  /** Reference numbers: capitals only, no pinyin, no shift key. */
  upperCase?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<SimpleKeyboard | null>(null);
  const barRef = useRef<HTMLDivElement | null>(null);
  const refocusBar = useRef(false);
  const pinyinLang = !upperCase && isPinyinLang(lang) ? lang : null;

  // The letters typed since the last word, space or other key, followed through every change
  // of the value (on-screen keys, a physical keyboard, the parent).
  const [tracked, setTracked] = useState<{ value: string; composition: Composition | null }>({ value, composition: null });
  let composition = tracked.composition;
  if (tracked.value !== value) {
    composition = followEdit(tracked.composition, tracked.value, value);
    setTracked({ value, composition });
  }
  const pinyin = pinyinLang ? composedText(value, composition) : '';

  const engine = usePinyinEngine(pinyinLang);
  const candidates = useMemo(() => (engine !== 'loading' && engine !== 'failed' && pinyin ? engine.lookup(pinyin, MAX_CANDIDATES) : []), [engine, pinyin]);
  const [paging, setPaging] = useState({ pinyin: '', page: 0 });
  const pages = Math.ceil(candidates.length / PAGE_SIZE);
  const page = paging.pinyin === pinyin && paging.page < pages ? paging.page : 0;
  const shown = candidates.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  const [layoutName, setLayoutName] = useState<'default' | 'shift'>('default');
  useEffect(() => {
    ref.current?.setInput(value);
  }, [value]);
  // A candidate chosen from the keyboard (Tab, Enter) disappears: keep the focus in the bar.
  useEffect(() => {
    if (!refocusBar.current) return;
    refocusBar.current = false;
    (barRef.current?.querySelector('button') ?? barRef.current)?.focus();
  });

  const choose = (candidate: PinyinCandidate, event: MouseEvent<HTMLButtonElement>) => {
    if (!composition) return;
    const next = chooseCandidate(value, composition, candidate.word, candidate.length);
    setTracked({ value: next.value, composition: next.composition });
    // The keyboard types at its caret once a resident has tapped inside the text.
    const keyboard = ref.current;
    if (keyboard && keyboard.getCaretPosition() !== null) keyboard.setCaretPosition(next.caret);
    refocusBar.current = event.detail === 0;
    onChange(next.value);
  };

  let note: string | null = null;
  if (!pinyin) note = t('keyboard.candidatesHint');
  else if (engine === 'loading') note = t('keyboard.candidatesLoading');
  else if (engine === 'failed') note = t('keyboard.candidatesUnavailable');
  else if (candidates.length === 0) note = t('keyboard.noCandidates');

  return (
    <div className="osk" role="group" aria-label={t('keyboard.label')} data-testid="keyboard">
      {pinyinLang ? (
        <div className="osk-candidates" role="group" aria-label={t('keyboard.candidates')} ref={barRef} tabIndex={-1} onKeyDown={moveFocusWithArrows} data-testid="candidates">
          {note ? <p className="osk-candidates-note">{note}</p> : null}
          {shown.map((candidate) => (
            <button
              type="button"
              key={candidate.word}
              className="osk-candidate"
              lang={pinyinLang}
              onMouseDown={keepFocus}
              onClick={(event) => choose(candidate, event)}
            >
              {candidate.word}
            </button>
          ))}
          {pages > 1 ? (
            <button type="button" className="osk-candidate osk-more" onMouseDown={keepFocus} onClick={() => setPaging({ pinyin, page: (page + 1) % pages })} data-testid="candidates-more">
              {page + 1 < pages ? t('keyboard.moreCandidates') : t('keyboard.firstCandidates')}
            </button>
          ) : null}
        </div>
      ) : null}
      <Keyboard
        keyboardRef={(k: SimpleKeyboard) => {
          ref.current = k;
        }}
        layout={upperCase ? UPPER_LAYOUT : LAYOUT}
        layoutName={upperCase ? 'default' : layoutName}
        display={{ '{bksp}': t('keyboard.delete'), '{space}': t('keyboard.space'), '{shift}': t('keyboard.shift') }}
        onChange={onChange}
        onKeyPress={(button: string) => {
          // Held in React state: a re-render (the host's answer to any key) must not undo Shift.
          if (button === '{shift}') setLayoutName((current) => (current === 'shift' ? 'default' : 'shift'));
        }}
        preventMouseDownDefault
        theme="hg-theme-default kiosk-keyboard"
      />
    </div>
  );
}

/**
 * The engine for `lang`, loaded (a chunk of its own) the first time a Chinese keyboard is
 * shown; until then the keyboard types letters only.
 */
function usePinyinEngine(lang: PinyinLang | null) {
  const [, setArrived] = useState(0);
  const [failed, setFailed] = useState<PinyinLang | null>(null);
  useEffect(() => {
    if (!lang || loadedPinyinEngine(lang)) return;
    let current = true;
    loadPinyinEngine(lang).then(
      () => {
        if (current) setArrived((n) => n + 1);
      },
      // Without the dictionary the keyboard still types letters; the bar says so.
      (error: unknown) => {
        console.error('The pinyin dictionary could not be loaded', lang, error instanceof Error ? error.name : typeof error);
        if (current) setFailed(lang);
      },
    );
    return () => {
      current = false;
    };
  }, [lang]);
  if (!lang) return 'loading';
  return loadedPinyinEngine(lang) ?? (failed === lang ? 'failed' : 'loading');
}

/** Candidate buttons keep the focus where the typing is, as the keys do. */
function keepFocus(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}

/** Arrow keys, Home and End move along the bar's buttons. */
function moveFocusWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  const buttons = [...event.currentTarget.querySelectorAll('button')];
  if (buttons.length === 0) return;
  const at = buttons.findIndex((b) => b === document.activeElement);
  // Left and right along the bar, stopping at its ends; up and down (and past an end) are the
  // keypad's, which moves the focus out of the bar to the keys or the text.
  const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 };
  const to = moves[event.key];
  if (to === undefined || to < 0 || to >= buttons.length) return;
  event.preventDefault();
  buttons[to]?.focus();
}
