import { describe, expect, it, vi } from 'vitest';
import { begin, CHECK, IDENTIFY, RATING, RESET, service, SLIP, startFlow, SUBMIT, useFlowClock, WARN, REFERENCE } from './flow-harness';

useFlowClock();

async function toCheck(t: ReturnType<typeof startFlow>) {
  await begin(t, 'noCriminalRecord');
  t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  t.send({ type: 'ANSWER', questionId: 'destination', value: { text: '加拿大' } });
  t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '139 0000 0000' } });
  t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
  expect(t.screen().name).toBe('check');
}

describe('navigation: welcome, start page, steps, ended', () => {
  it('walks welcome -> start -> identify -> questions -> check -> submit -> confirmation -> rating -> ended', async () => {
    const t = startFlow();
    expect(t.view()).toMatchObject({ screen: { name: 'welcome' }, serviceId: null, progress: null, submitted: false, lang: 'zh-CN', sessionId: 's1' });
    t.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    expect(t.view()).toMatchObject({ screen: { name: 'start', serviceId: 'noCriminalRecord' }, serviceId: 'noCriminalRecord', progress: null });
    t.send({ type: 'CONTINUE' });
    expect(t.view()).toMatchObject({ screen: { name: 'identify', phase: 'present', method: 'idCard' }, progress: { index: 0, total: 6 } });
    await t.settle();
    expect(t.view()).toMatchObject({ screen: { name: 'question', question: { id: 'purpose' }, index: 0, total: 4 }, progress: { index: 1, total: 6 } });
    t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
    t.send({ type: 'ANSWER', questionId: 'destination', value: { text: '加拿大' } });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '139 0000 0000' } });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.screenAs('check').applicant).toEqual({ name: '测试员', numberMasked: expect.stringMatching(/^1101\*+0012$/) as unknown, method: 'idCard' });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.view()).toMatchObject({ screen: { name: 'confirmation', reference: REFERENCE, status: 'printed', paidFen: null, review: false }, submitted: true });
    expect(t.calls.enqueue).toHaveLength(1);
    expect(t.calls.print).toHaveLength(1);
    t.send({ type: 'FINISH' });
    expect(t.screen().name).toBe('rating');
    t.send({ type: 'SKIP' });
    expect(t.done()).toBe(true);
  });

  it('ignores an unknown service and stays on the welcome screen', () => {
    const t = startFlow();
    t.send({ type: 'SELECT_SERVICE', serviceId: 'noSuchService' });
    expect(t.screen()).toEqual({ name: 'welcome' });
  });

  it('Back on the start page ends the session', () => {
    const t = startFlow();
    t.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    t.send({ type: 'BACK' });
    expect(t.done()).toBe(true);
  });

  it('switches language on any screen, and submits in that language', async () => {
    const t = startFlow();
    t.send({ type: 'SET_LANG', lang: 'en' });
    expect(t.view().lang).toBe('en');
    await toCheck(t);
    t.send({ type: 'SET_LANG', lang: 'zh-CN' });
    t.send({ type: 'SET_LANG', lang: 'en' });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.enqueue[0]?.lang).toBe('en');
    expect(t.calls.print[0]?.lang).toBe('en');
  });

  it('runs a catalog given to it, not only the real one', async () => {
    const t = startFlow([service('tiny', [IDENTIFY, CHECK, SUBMIT, SLIP, RATING])]);
    await begin(t, 'tiny');
    expect(t.view()).toMatchObject({ serviceId: 'tiny', screen: { name: 'check', rows: [], feeFen: 0 }, progress: { index: 1, total: 5 } });
  });

  it('the card is not asked for again after Back to the start page and Continue', async () => {
    const t = startFlow();
    await begin(t, 'noCriminalRecord');
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'noCriminalRecord' });
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.screenAs('question').question.id).toBe('purpose');
    expect(t.calls.readCard).toHaveLength(1);
  });
});

describe('navigation: Start again and the end of a session', () => {
  it.each([
    ['the start page', async (t: ReturnType<typeof startFlow>) => t.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })],
    [
      'the identify screen',
      async (t: ReturnType<typeof startFlow>) => {
        t.hold('readCard');
        await begin(t, 'noCriminalRecord');
      },
    ],
    ['a question', async (t: ReturnType<typeof startFlow>) => begin(t, 'noCriminalRecord')],
    ['the check page', toCheck],
    [
      'the confirmation',
      async (t: ReturnType<typeof startFlow>) => {
        await toCheck(t);
        t.send({ type: 'SUBMIT' });
        await t.settle();
      },
    ],
    ['check a submission', async (t: ReturnType<typeof startFlow>) => t.send({ type: 'LOOKUP' })],
  ])('CANCEL on %s ends the session', async (_label, reach) => {
    const t = startFlow();
    await reach(t);
    expect(t.done()).toBe(false);
    t.send({ type: 'CANCEL' });
    expect(t.done()).toBe(true);
  });

  it('Start again before submitting queues nothing', async () => {
    const t = startFlow();
    await toCheck(t);
    t.send({ type: 'CANCEL' });
    await t.settle();
    expect(t.calls.enqueue).toEqual([]);
  });

  it('an ended session takes no more events and runs no more timers', async () => {
    const t = startFlow();
    await toCheck(t);
    t.send({ type: 'CANCEL' });
    const ended = t.actor.getSnapshot();
    expect(ended.status).toBe('done');
    expect(ended.value).toBe('ended');
    t.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    await vi.advanceTimersByTimeAsync(10 * (WARN + RESET));
    expect(t.actor.getSnapshot()).toBe(ended);
  });
});

describe('navigation: the welcome screen resets a language left changed', () => {
  it('a language changed and left on the welcome screen is reset for the next person', async () => {
    const t = startFlow();
    t.send({ type: 'SET_LANG', lang: 'en' });
    await vi.advanceTimersByTimeAsync(WARN + RESET - 1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
  });

  it('the untouched welcome screen in the default language never resets', async () => {
    const t = startFlow();
    await vi.advanceTimersByTimeAsync(10 * (WARN + RESET));
    expect(t.done()).toBe(false);
    expect(t.screen()).toEqual({ name: 'welcome' });
  });

  it('a language changed long after the screen came up is still reset, counted from the change', async () => {
    const t = startFlow();
    await vi.advanceTimersByTimeAsync(3 * (WARN + RESET));
    t.send({ type: 'SET_LANG', lang: 'en' });
    await vi.advanceTimersByTimeAsync(WARN + RESET - 1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
  });

  it('touches on the welcome screen keep the chosen language while someone uses it', async () => {
    const t = startFlow();
    t.send({ type: 'SET_LANG', lang: 'en' });
    await vi.advanceTimersByTimeAsync(WARN);
    t.send({ type: 'ACTIVITY' });
    await vi.advanceTimersByTimeAsync(WARN + RESET - 1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
  });

  it('setting the default language back stops the reset', async () => {
    const t = startFlow();
    t.send({ type: 'SET_LANG', lang: 'en' });
    t.send({ type: 'SET_LANG', lang: 'zh-CN' });
    await vi.advanceTimersByTimeAsync(10 * (WARN + RESET));
    expect(t.done()).toBe(false);
  });
});
