/**
 * Machine readable zones (ICAO Doc 9303): TD1, TD2, TD3 (passports), the visas MRV-A and
 * MRV-B, and the Chinese permits read at our kiosks (CS, CD one line; CR, CT three lines).
 * The layouts, with every field position, are tables in mrz/layouts.ts.
 *
 * The parser is strict: a kiosk that acts on a misread zone is worse than one that asks for a
 * second scan. Messages never quote the zone, since it is personal data.
 */
import { LAYOUTS } from './mrz/layouts';
import { fail, readLayout } from './mrz/read-layout';
import type { MrzResult } from './mrz/types';

export { mrzCheckDigit } from './mrz/check-digit';
export { isKnownState } from './mrz/states';
export type { MrzData, MrzError, MrzErrorCode, MrzErrorField, MrzFormat, MrzResult, MrzSex } from './mrz/types';

const LINE_FIELDS = ['line1', 'line2', 'line3'] as const;
const MAX_LINES = LINE_FIELDS.length;

function splitLines(text: string): string[] {
  // Readers end lines with CR, LF or CRLF; a terminator after the last line is not another line.
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(/ +$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Parses a machine readable zone, one line per text line (LF, CR or CRLF; trailing spaces and
 * trailing empty lines ignored), into its fields, or says why it cannot be trusted.
 */
export function parseMrz(text: string): MrzResult {
  const lines = typeof text === 'string' ? splitLines(text) : [];
  if (lines.length === 0 || lines.length > MAX_LINES) {
    return fail('format', 'zone', 'A machine readable zone has one, two or three lines. Please scan the document again.');
  }

  for (const [index, line] of lines.entries()) {
    const field = LINE_FIELDS[index] ?? 'zone';
    if (/[a-z]/.test(line)) {
      return fail('charset', field, `Line ${index + 1} contains lower-case letters; a machine readable zone is upper case only.`);
    }
    if (/[^A-Z0-9<]/.test(line)) {
      return fail('charset', field, `Line ${index + 1} contains characters other than A-Z, 0-9 and <.`);
    }
  }

  const sized = LAYOUTS.filter((layout) => layout.lines === lines.length);
  const first = lines[0] ?? '';
  if (!sized.some((layout) => layout.length === first.length)) {
    const lengths = [...new Set(sized.map((layout) => layout.length))].join(' or ');
    return fail('format', 'line1', `Line 1 has ${first.length} characters; a zone of ${lines.length} line(s) has ${lengths}.`);
  }
  const uneven = lines.findIndex((line) => line.length !== first.length);
  if (uneven !== -1) {
    return fail(
      'format',
      LINE_FIELDS[uneven] ?? 'zone',
      `Line ${uneven + 1} has ${lines[uneven]?.length ?? 0} characters where line 1 has ${first.length}.`,
    );
  }

  const code = first.slice(0, 2);
  const layout = sized.find((candidate) => candidate.length === first.length && candidate.documentCode.test(code));
  if (!layout) {
    return fail('format', 'documentCode', 'The document code is not one this kiosk reads for a zone of this size.');
  }
  return readLayout(lines, layout);
}
