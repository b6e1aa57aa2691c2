import type { TFunction } from 'i18next';
import type { ScreenDescription, SpokenPart } from './describe';

export interface SpeakOptions {
  /** A headset is plugged in: personal details may be spoken. */
  private: boolean;
}

/** Long numbers (ID, phone, permit numbers) are read digit by digit, not as one huge number. */
export const digitByDigit = (text: string) => text.replace(/\d{5,}/g, (run) => run.split('').join(' '));

/** One part as a sentence; personal details become a notice unless listening is private. */
export function spokenPart(part: SpokenPart, t: TFunction, opts: SpeakOptions): string {
  switch (part.kind) {
    case 'heading':
    case 'text':
    case 'status':
    case 'countdown':
      return part.text;
    case 'error':
      return t('speech.error', { text: part.text });
    case 'personal':
      return opts.private ? digitByDigit(part.text) : t('speech.personalHidden');
    case 'choice': {
      const label = part.label;
      // A key pad is one control: its name, not its forty keys.
      if (part.role === 'group') return label;
      if (part.role === 'field') {
        if (!part.value) return t('speech.fieldEmpty', { label });
        if (part.personalValue && !opts.private) return t('speech.fieldHidden', { label });
        return t('speech.fieldValue', { label, value: digitByDigit(part.value) });
      }
      // A toggle button (aria-pressed) says whether it is on, as a radio does.
      if (part.role === 'radio' || part.role === 'checkbox' || part.checked !== undefined) {
        const said = t(part.checked ? 'speech.checked' : 'speech.notChecked', { label });
        return part.disabled ? t('speech.disabled', { label: said }) : said;
      }
      const said = t(part.role === 'link' ? 'speech.link' : 'speech.button', { label });
      return part.disabled ? t('speech.disabled', { label: said }) : said;
    }
  }
}

/** The whole screen, as the lines speech reads: the heading first, then in reading order. */
export function spokenLines(description: ScreenDescription, t: TFunction, opts: SpeakOptions): string[] {
  const lines = description.heading ? [description.heading] : [];
  let lastHidden = false;
  for (const part of description.parts) {
    const line = spokenPart(part, t, opts);
    // Several hidden details in a row are one notice, not the same sentence again and again.
    const hiddenNow = part.kind === 'personal' && !opts.private;
    if (hiddenNow && lastHidden) continue;
    lastHidden = hiddenNow;
    if (line) lines.push(line);
  }
  return lines;
}
