import { TextField } from '../components/TextField';
import type { ControlProps } from './control-props';

/** Free text with the touch keyboard. */
export function TextControl({ label, fieldId, describedBy, invalid, draft, onDraft, lang }: ControlProps<'text'>) {
  return (
    <TextField id={fieldId} label={label} hiddenLabel describedBy={describedBy} invalid={invalid} value={draft.text ?? ''} lang={lang} onChange={(text) => onDraft({ text })} />
  );
}
