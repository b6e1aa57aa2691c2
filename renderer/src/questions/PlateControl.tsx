import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import type { ControlProps } from './control-props';

/** The 31 province-level abbreviations, in the order plate keyboards use, with the key of each name. */
export const PLATE_PROVINCES = [
  ['京', 'beijing'], ['津', 'tianjin'], ['沪', 'shanghai'], ['渝', 'chongqing'], ['冀', 'hebei'], ['豫', 'henan'],
  ['云', 'yunnan'], ['辽', 'liaoning'], ['黑', 'heilongjiang'], ['湘', 'hunan'], ['皖', 'anhui'], ['鲁', 'shandong'],
  ['新', 'xinjiang'], ['苏', 'jiangsu'], ['浙', 'zhejiang'], ['赣', 'jiangxi'], ['鄂', 'hubei'], ['桂', 'guangxi'],
  ['甘', 'gansu'], ['晋', 'shanxi'], ['蒙', 'neimenggu'], ['陕', 'shaanxi'], ['吉', 'jilin'], ['闽', 'fujian'],
  ['贵', 'guizhou'], ['粤', 'guangdong'], ['青', 'qinghai'], ['藏', 'xizang'], ['川', 'sichuan'], ['宁', 'ningxia'],
  ['琼', 'hainan'],
] as const;
const ABBREVIATIONS = new Set<string>(PLATE_PROVINCES.map(([abbr]) => abbr));

// Plates never use I or O (they look like 1 and 0), so the keys leave them out.
const SERIAL_KEYS = [...'1234567890', ...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
// The characters that end special plates (trailer, coach, police, Hong Kong, Macao, consulate) and mark embassy ones.
const SPECIAL_KEYS = ['挂', '学', '警', '港', '澳', '领', '使'];
const MAX_CHARS = 10;

/**
 * A number plate: first the province abbreviation from a grid, then letters and digits. What
 * is typed goes to the host as it is; the host parses it and says what is wrong.
 */
export function PlateControl({ label, fieldId, describedBy, invalid, draft, onDraft }: ControlProps<'plate'>) {
  const { t } = useTranslation();
  const value = draft.text ?? '';
  const [mode, setMode] = useState<'province' | 'serial'>(() => (value ? 'serial' : 'province'));
  const set = (text: string) => onDraft({ text });
  const add = (ch: string) => {
    if ([...value].length < MAX_CHARS) set(value + ch);
  };
  const province = (abbr: string) => {
    const chars = [...value];
    set(chars.length > 0 && ABBREVIATIONS.has(chars[0] ?? '') ? abbr + chars.slice(1).join('') : abbr + value);
    setMode('serial');
  };
  return (
    <div className="plate-field">
      <label htmlFor={fieldId} className="visually-hidden">
        {label}
      </label>
      <input
        id={fieldId}
        className="input input-plate"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        value={value}
        maxLength={20}
        onChange={(e) => set(e.target.value.toUpperCase())}
        data-testid="plate-input"
      />
      {mode === 'province' ? (
        <div className="key-grid key-grid-province" role="group" aria-label={t('plate.provinces')} data-testid="plate-provinces">
          {PLATE_PROVINCES.map(([abbr, id]) => (
            <button
              type="button"
              key={abbr}
              className="key"
              lang="zh-CN"
              aria-label={`${abbr} ${t(`plate.province.${id}`)}`}
              onClick={() => province(abbr)}
              data-testid={`province-${abbr}`}
            >
              {abbr}
            </button>
          ))}
        </div>
      ) : (
        <>
          <div className="key-grid" role="group" aria-label={t('plate.serialKeys')} data-testid="plate-keys">
            {SERIAL_KEYS.map((ch) => (
              <button type="button" key={ch} className="key" onClick={() => add(ch)} data-testid={`key-${ch}`}>
                {ch}
              </button>
            ))}
          </div>
          <div className="key-grid" role="group" aria-label={t('plate.specialKeys')}>
            {SPECIAL_KEYS.map((ch) => (
              <button type="button" key={ch} className="key" lang="zh-CN" onClick={() => add(ch)} data-testid={`key-${ch}`}>
                {ch}
              </button>
            ))}
          </div>
        </>
      )}
      <div className="key-row">
        {mode === 'serial' ? (
          <Button variant="secondary" onClick={() => setMode('province')} data-testid="plate-province">
            {t('plate.changeProvince')}
          </Button>
        ) : value ? (
          <Button variant="secondary" onClick={() => setMode('serial')} data-testid="plate-serial">
            {t('plate.toSerial')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => set([...value].slice(0, -1).join(''))} data-testid="key-delete">
          {t('keypad.delete')}
        </Button>
        <Button variant="secondary" onClick={() => set('')} data-testid="key-clear">
          {t('keypad.clear')}
        </Button>
      </div>
    </div>
  );
}
