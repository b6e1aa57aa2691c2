// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowEvent, FlowView, KioskApi, ScreenView } from '../../../shared/contract';
import { App } from '../../../renderer/src/App';
import { renderWithI18n } from './render';
import { allOnline } from './screen-props';

afterEach(cleanup);

function fakeHost(screen: ScreenView, submitted: boolean) {
  const sent: FlowEvent[] = [];
  const view: FlowView = { seq: 1, sessionId: 's1', lang: 'en', serviceId: 'noCriminalRecord', progress: null, idle: { warning: false, resetAt: null }, submitted, screen };
  const replies: Record<string, unknown> = {
    'flow:get': view,
    'device:status': allOnline,
    'camera:report': allOnline,
    'app:info': { hardware: 'real' },
    'speech:voices': { languages: [] },
  };
  const client = {
    invoke: async (command: string, request: unknown) => {
      if (command === 'flow:send') {
        sent.push(request as FlowEvent);
        return { ok: true, value: view };
      }
      return { ok: true, value: replies[command] };
    },
    on: () => () => undefined,
  } as unknown as KioskApi;
  return { client, sent };
}

async function open(screenView: ScreenView, submitted: boolean) {
  const host = fakeHost(screenView, submitted);
  renderWithI18n(<App createClient={() => host.client} />, 'en');
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return host;
}

describe('App', () => {
  it('draws the screen the host names, through the screen table', async () => {
    await open({ name: 'reviewNotice', stepId: 'review', workingDays: 3 }, false);
    expect(document.querySelector('main[data-screen="reviewNotice"]')).not.toBeNull();
  });

  it('Start again asks first; before a reference it says the answers go, and Yes sends CANCEL', async () => {
    const host = await open({ name: 'rating', stepId: 'rating' }, false);
    fireEvent.click(screen.getByTestId('start-again'));
    expect(screen.getByTestId('cancel-dialog').textContent).toContain('Nothing has been sent yet');
    fireEvent.click(screen.getByTestId('cancel-keep'));
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(host.sent.filter((e) => e.type === 'CANCEL')).toEqual([]);
    fireEvent.click(screen.getByTestId('start-again'));
    fireEvent.click(screen.getByTestId('cancel-confirm'));
    expect(host.sent).toContainEqual({ type: 'CANCEL' });
  });

  it('after a reference exists the dialog says the application is kept, and still sends CANCEL', async () => {
    const host = await open({ name: 'printing', stepId: 'print', output: 'a4', document: 'drivingRecord', reference: 'JN-K01A-7QXZ-3', status: 'failed' }, true);
    fireEvent.click(screen.getByTestId('start-again'));
    expect(screen.getByTestId('cancel-dialog').textContent).toContain('submitted and is kept safely');
    fireEvent.click(screen.getByTestId('cancel-confirm'));
    expect(host.sent).toContainEqual({ type: 'CANCEL' });
  });

  it('there is no Start again on the welcome screen', async () => {
    await open({ name: 'welcome' }, false);
    expect(screen.queryByTestId('start-again')).toBeNull();
  });
});
