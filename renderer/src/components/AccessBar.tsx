import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/contract/schemas';
import { SPEECH_RATES } from '../../../shared/speech/speech';
import { stepRate, stepVolume } from '../speech/speech-controller';
import type { Speech } from '../speech/use-speech';
import { Button } from './Button';
import './access.css';

export interface DisplayModes {
  /** Text at 200%, with the secondary lines of each screen left out. */
  elder: boolean;
  highContrast: boolean;
  /** Every control in the lower half of the screen, within reach from a wheelchair. */
  lowReach: boolean;
}

export const DISPLAY_DEFAULTS: DisplayModes = { elder: false, highContrast: false, lowReach: false };

interface Props {
  modes: DisplayModes;
  onModes: (modes: DisplayModes) => void;
  speech: Speech;
  /** The languages offered, for a session whose own has no voice. */
  offered: readonly Lang[];
  onLang: (lang: Lang) => void;
}

/** On every screen, low down: speech, larger text, high contrast and low reach. */
export function AccessBar({ modes, onModes, speech, offered, onLang }: Props) {
  const { t } = useTranslation();
  const { state, update } = speech;
  const toggle = (mode: keyof DisplayModes) => onModes({ ...modes, [mode]: !modes[mode] });
  // Chinese or English speech for a language with no voice here (Japanese on Linux).
  const voicedAlternatives = (['zh-CN', 'en'] as const).filter((l) => offered.includes(l));
  return (
    <nav className="access-bar" aria-label={t('access.label')} data-testid="access-bar">
      <div className="access-modes">
        <Button variant="secondary" aria-pressed={state.on} onClick={() => update({ on: !state.on })} data-testid="speech-toggle">
          {t('access.speech')}
        </Button>
        <Button variant="secondary" aria-pressed={modes.elder} onClick={() => toggle('elder')} data-testid="text-size">
          {t('textSize.larger')}
        </Button>
        <Button variant="secondary" aria-pressed={modes.highContrast} onClick={() => toggle('highContrast')} data-testid="contrast-toggle">
          {t('access.contrast')}
        </Button>
        <Button variant="secondary" aria-pressed={modes.lowReach} onClick={() => toggle('lowReach')} data-testid="low-reach-toggle">
          {t('access.lowReach')}
        </Button>
      </div>
      {state.on ? (
        <div className="access-speech" role="group" aria-label={t('access.speechControls')} data-testid="speech-controls">
          <Button variant="secondary" onClick={speech.repeat} data-testid="speech-repeat">
            {t('access.repeat')}
          </Button>
          <Button variant="secondary" disabled={state.rate === SPEECH_RATES[0]} onClick={() => update({ rate: stepRate(state.rate, -1) })} data-testid="speech-slower">
            {t('access.slower')}
          </Button>
          <Button variant="secondary" disabled={state.rate === SPEECH_RATES.at(-1)} onClick={() => update({ rate: stepRate(state.rate, 1) })} data-testid="speech-faster">
            {t('access.faster')}
          </Button>
          <Button variant="secondary" disabled={state.volume <= 0.25} onClick={() => update({ volume: stepVolume(state.volume, -1) })} data-testid="speech-quieter">
            {t('access.quieter')}
          </Button>
          <Button variant="secondary" disabled={state.volume >= 1} onClick={() => update({ volume: stepVolume(state.volume, 1) })} data-testid="speech-louder">
            {t('access.louder')}
          </Button>
          <p className="access-note" role="status" data-testid="speech-status">
            {t('access.speechStatus', { rate: state.rate, volume: Math.round(state.volume * 100) })} {speech.headset ? t('access.headset') : t('access.loudspeaker')}
          </p>
          {speech.voiced ? null : (
            <div className="access-novoice" data-testid="speech-no-voice">
              <p className="access-note">{t('access.noVoice')}</p>
              {voicedAlternatives.map((l) => (
                <Button key={l} variant="secondary" onClick={() => onLang(l)} data-testid={`speech-lang-${l}`}>
                  {t(l === 'zh-CN' ? 'access.speakInChinese' : 'access.speakInEnglish')}
                </Button>
              ))}
            </div>
          )}
        </div>
      ) : null}
    </nav>
  );
}
