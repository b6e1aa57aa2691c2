import { describe, expect, it } from 'vitest';
import { LineAssembler } from '../../../../../electron/host/hardware/transport/line-assembler';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function assemble(maxLine = 8) {
  const lines: (string | null)[] = [];
  const assembler = new LineAssembler(maxLine, (line) => lines.push(line));
  return { assembler, lines, push: (text: string) => assembler.push(bytes(text)) };
}

describe('LineAssembler', () => {
  it('ends a line at CR, LF or CRLF (one end), across chunks, keeping real empty lines', () => {
    const { lines, push } = assemble();
    push('AB\r');
    push('\nCD\nEF\r\r\n');
    push('\n');
    expect(lines).toEqual(['AB', 'CD', 'EF', '', '']);
  });

  it('reports an overlong line once as null, to its end, then reads on', () => {
    const { assembler, lines, push } = assemble(4);
    push('ABCDEFGHIJ');
    expect(assembler.pending()).toBe(true);
    push('KLMN\r\nOK\n');
    expect(lines).toEqual([null, 'OK']);
  });

  it('flush ends a line that came without terminator; reset forgets it', () => {
    const { assembler, lines, push } = assemble();
    push('AB');
    assembler.flush();
    assembler.flush();
    push('CD');
    assembler.reset();
    expect(assembler.pending()).toBe(false);
    push('\n');
    expect(lines).toEqual(['AB', '']);
  });

  it('takes every byte as one character, so no input throws', () => {
    const { lines, assembler } = assemble(300);
    assembler.push(Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0x0a && b !== 0x0d));
    assembler.flush();
    expect(lines[0]).toHaveLength(254);
  });
});
