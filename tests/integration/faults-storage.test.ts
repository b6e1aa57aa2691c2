import { afterEach, describe, expect, it } from 'vitest';
import { call, checkAnswers, countSubmissions, expectNoPersonalData, screenOf, send, waitForView } from './helpers';
import { closeAllHosts, NCR_ANSWERS, ncrToCheck, openHost } from './faults-helpers';

afterEach(closeAllHosts);

describe('storage failure on submit', () => {
  it('ends on submitFailed with the answers kept and nothing queued; a retry queues exactly once', async () => {
    const { host, dataDir, lines } = await openHost();
    const check = await ncrToCheck(host);
    await call(host, 'sim:fault', { device: 'storage', fault: 'failNextWrite' });
    await send(host, { type: 'SUBMIT' });
    const failed = await waitForView(host, (v) => v.screen.name === 'submitFailed', 'the submit failure');
    expect(failed.screen).toEqual({ name: 'submitFailed', stepId: 'submit', paid: false });
    expect(failed).toMatchObject({ sessionId: check.sessionId, submitted: false });
    expect(countSubmissions(dataDir)).toBe(0);

    await send(host, { type: 'RETRY' });
    const done = await waitForView(host, (v) => v.screen.name === 'confirmation', 'the confirmation');
    expect(screenOf(done, 'confirmation').reference).toMatch(/^JN-/);
    expect(done.submitted).toBe(true);
    expect(countSubmissions(dataDir)).toBe(1);
    expectNoPersonalData(lines);
  });

  it('Back from the failure returns to the check page with every answer', async () => {
    const { host } = await openHost();
    const check = await ncrToCheck(host);
    await call(host, 'sim:fault', { device: 'storage', fault: 'failNextWrite' });
    await send(host, { type: 'SUBMIT' });
    await waitForView(host, (v) => v.screen.name === 'submitFailed', 'the submit failure');
    const back = await send(host, { type: 'BACK' });
    expect(back.screen).toEqual(check.screen);
    expect(checkAnswers(back)).toEqual(NCR_ANSWERS);
  });
});
