import { describe, expect, it, vi } from 'vitest';
import { begin, RESET, startFlow, useFlowClock, WARN } from './flow-harness';

useFlowClock();

async function onQuestions() {
  const t = startFlow();
  await begin(t, 'noCriminalRecord');
  t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  expect(t.screenAs('question').question.id).toBe('destination');
  return t;
}

describe('idle: warning, more time, reset', () => {
  it('warns after the idle time with the moment of the reset, then resets, which ends the session', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle).toEqual({ warning: false, resetAt: null });
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle).toEqual({ warning: true, resetAt: Date.now() + RESET });
    // The screen under the warning stays what it was.
    expect(t.screenAs('question').question.id).toBe('destination');
    await vi.advanceTimersByTimeAsync(RESET - 1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
    expect(t.actor.getSnapshot().value).toBe('ended');
  });

  it('"I need more time" keeps the session where it was, and the full idle time starts again', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN);
    expect(t.view().idle.warning).toBe(true);
    t.send({ type: 'MORE_TIME' });
    expect(t.view().idle).toEqual({ warning: false, resetAt: null });
    expect(t.screenAs('question').question.id).toBe('destination');
    expect(t.actor.getSnapshot().context.session.answers).toEqual({ purpose: { choice: 'job' } });
    await vi.advanceTimersByTimeAsync(WARN + RESET - 1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
  });

  it('a call to the station holds the idle time, clears a warning, and the full idle time starts again when it ends', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN);
    expect(t.view().idle.warning).toBe(true);
    t.send({ type: 'HELP_CALL', active: true });
    expect(t.view().idle.warning).toBe(false);
    // A long conversation: no warning, no reset.
    await vi.advanceTimersByTimeAsync(10 * (WARN + RESET));
    expect(t.view().idle.warning).toBe(false);
    expect(t.done()).toBe(false);
    expect(t.screenAs('question').question.id).toBe('destination');
    t.send({ type: 'HELP_CALL', active: false });
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });

  it('activity restarts the idle timer', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN - 1000);
    t.send({ type: 'ACTIVITY' });
    await vi.advanceTimersByTimeAsync(WARN - 1000);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.view().idle.warning).toBe(true);
  });

  it('a stray touch behind the warning does not dismiss it: the resident must answer it', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN);
    t.send({ type: 'ACTIVITY' });
    expect(t.view().idle.warning).toBe(true);
    await vi.advanceTimersByTimeAsync(RESET);
    expect(t.done()).toBe(true);
  });

  it('answering a question counts as being there only through ACTIVITY (the renderer sends it on every touch)', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN - 1);
    t.send({ type: 'ANSWER', questionId: 'destination', value: { text: '加拿大' } });
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });

  it('RESUMED (after a restore) dismisses a warning and starts the full idle time again', async () => {
    const t = await onQuestions();
    await vi.advanceTimersByTimeAsync(WARN);
    t.send({ type: 'RESUMED' });
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });

  it('runs on the start page and in check a submission as well', async () => {
    const t = startFlow();
    t.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    await vi.advanceTimersByTimeAsync(WARN + RESET);
    expect(t.done()).toBe(true);

    const u = startFlow();
    u.send({ type: 'LOOKUP' });
    await vi.advanceTimersByTimeAsync(WARN);
    expect(u.view()).toMatchObject({ screen: { name: 'lookup' }, idle: { warning: true } });
    await vi.advanceTimersByTimeAsync(RESET);
    expect(u.done()).toBe(true);
  });
});

describe('idle: the simulator fires the timers on cue', () => {
  it('IDLE_WARN_NOW shows the warning at once, and IDLE_RESET_NOW then ends the session', async () => {
    const t = await onQuestions();
    t.send({ type: 'IDLE_WARN_NOW' });
    expect(t.view().idle).toEqual({ warning: true, resetAt: Date.now() + RESET });
    t.send({ type: 'IDLE_RESET_NOW' });
    expect(t.done()).toBe(true);
  });

  it('IDLE_RESET_NOW without a warning first does nothing: a reset always follows a warning', async () => {
    const t = await onQuestions();
    t.send({ type: 'IDLE_RESET_NOW' });
    expect(t.done()).toBe(false);
  });

  it('MORE_TIME answers a warning fired on cue', async () => {
    const t = await onQuestions();
    t.send({ type: 'IDLE_WARN_NOW' });
    t.send({ type: 'MORE_TIME' });
    expect(t.view().idle.warning).toBe(false);
    expect(t.screen().name).toBe('question');
  });
});
