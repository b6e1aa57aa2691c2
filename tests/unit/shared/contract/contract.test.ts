import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, EVENT_NAMES, flowEventSchema, flowViewSchema, isCommandName, ipcChannel } from '../../../../shared/contract';
import { checkViewSchema } from '../../../../shared/steps/check/check.step';

describe('the contract table', () => {
  it('names commands domain:verb and gives each a request and a response schema', () => {
    for (const name of COMMAND_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(commands[name].request.safeParse).toBeTypeOf('function');
      expect(commands[name].response.safeParse).toBeTypeOf('function');
    }
    expect(EVENT_NAMES).toEqual(['flow:snapshot', 'device:status', 'staff:event', 'settings:changed', 'help:call']);
  });

  it('marks every sim:* command, and only those, as simulator-only', () => {
    for (const name of COMMAND_NAMES) {
      const sim = commands[name].access === 'sim';
      expect([name, sim]).toEqual([name, name.startsWith('sim:')]);
    }
  });

  it('gives every row an access level: staff:* rows name who of the staff, door:* and the rest are open to the kiosk page', () => {
    for (const name of COMMAND_NAMES) {
      const access = commands[name].access;
      if (name.startsWith('staff:')) {
        expect(typeof access, name).toBe('object');
        if (typeof access === 'object' && access.staff !== 'any') expect(access.staff.length, name).toBeGreaterThan(0);
      } else if (!name.startsWith('sim:')) {
        expect([name, access]).toEqual([name, 'resident']);
      }
    }
  });

  it('knows its own command names and nothing inherited', () => {
    expect(isCommandName('flow:send')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(ipcChannel.command('flow:get')).toBe('kiosk:flow:get');
  });
});

describe('flow events', () => {
  it.each([
    { type: 'SET_LANG', lang: 'en' },
    { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' },
    { type: 'ANSWER', questionId: 'purpose', value: { choice: 'other', text: '领养' } },
    { type: 'CHANGE', item: 'phone' },
    { type: 'MORE_TIME' },
  ])('accepts %j', (event) => {
    expect(flowEventSchema.safeParse(event).success).toBe(true);
  });

  it.each([
    [undefined],
    [null],
    ['CONTINUE'],
    [{}],
    [{ type: 'RESUMED' }],
    [{ type: 'SET_LANG', lang: 'fr' }],
    [{ type: 'CONTINUE', extra: 1 }],
    [{ type: 'SELECT_SERVICE', serviceId: '../../etc' }],
    [{ type: 'ANSWER', questionId: 'phone', value: { text: 'x'.repeat(201) } }],
    [{ type: 'ANSWER', questionId: 'phone', value: { text: 1 } }],
    [{ type: 'ANSWER', questionId: 'phone', value: { text: '1', admin: true } }],
  ])('rejects %j', (event) => {
    expect(flowEventSchema.safeParse(event).success).toBe(false);
  });

  it('keeps host-only events out of reach of the renderer', () => {
    // RESUMED is sent by the host after a crash restore; a page must not be able to send it.
    expect(flowEventSchema.safeParse({ type: 'RESUMED' }).success).toBe(false);
  });
});

describe('flow view', () => {
  it('has no field for the full ID number: the check page shows the applicant masked', () => {
    expect(Object.keys(flowViewSchema.shape)).not.toContain('applicant');
    expect(Object.keys(checkViewSchema.shape.applicant.unwrap().shape)).toEqual(['name', 'numberMasked', 'method']);
  });
});
