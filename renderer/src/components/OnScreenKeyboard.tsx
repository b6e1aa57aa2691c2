import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import type { SimpleKeyboard } from 'react-simple-keyboard';
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';
import type { Lang } from '../../../shared/contract/schemas';

// The package's type omits the pinyin table that its Chinese layout ships.
const PINYIN = (chinese as typeof chinese & { layoutCandidates?: Record<string, string> }).layoutCandidates;

const LAYOUT = {
  default: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m {bksp}', '{space}'],
  shift: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M {bksp}', '{space}'],
};

const UPPER_LAYOUT = {
  default: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M - {bksp}'],
};

/**
 * The touch keyboard for free text. In Chinese it offers pinyin candidates
 * (type "jianada", pick 加拿大 character by character).
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
  useEffect(() => {
    ref.current?.setInput(value);
  }, [value]);
  return (
    <div className="osk" role="group" aria-label={t('keyboard.label')} data-testid="keyboard">
      <Keyboard
        keyboardRef={(k: SimpleKeyboard) => {
          ref.current = k;
        }}
        layout={upperCase ? UPPER_LAYOUT : LAYOUT}
        layoutName="default"
        display={{ '{bksp}': t('keyboard.delete'), '{space}': t('keyboard.space'), '{shift}': t('keyboard.shift') }}
        enableLayoutCandidates={lang === 'zh-CN' && !upperCase}
        layoutCandidates={PINYIN}
        onChange={onChange}
        onKeyPress={(button: string) => {
          if (button === '{shift}') {
            const current = ref.current?.options.layoutName;
            ref.current?.setOptions({ layoutName: current === 'shift' ? 'default' : 'shift' });
          }
        }}
        preventMouseDownDefault
        theme="hg-theme-default kiosk-keyboard"
      />
    </div>
  );
}
