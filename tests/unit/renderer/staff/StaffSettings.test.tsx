// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi, KioskSettings } from '../../../../shared/contract';
import { StaffSettings } from '../../../../renderer/src/staff/StaffSettings';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const STORED: KioskSettings = {
  disabledServices: [],
  serviceHours: { birthRegistration: { open: '08:15', close: '12:00' } },
  idleWarnSeconds: 60,
  idleResetSeconds: 30,
  languages: ['zh-CN', 'en'],
  stationName: '',
  stationPhone: '',
  faceMatchThreshold: 0.6,
};

/** A host that keeps what is saved, and records every save. */
function fakeHost() {
  const saves: KioskSettings[] = [];
  const client = {
    invoke: async (command: string, request: unknown) => {
      if (command === 'staff:settings') return { ok: true, value: STORED };
      if (command === 'app:info') return { ok: true, value: { defaultLang: 'zh-CN' } };
      if (command === 'staff:saveSettings') {
        saves.push(request as KioskSettings);
        return { ok: true, value: request };
      }
      return { ok: false, error: { code: 'unknownCommand', message: command } };
    },
    on: () => () => undefined,
  } as unknown as KioskApi;
  return { client, saves };
}

async function open() {
  const host = fakeHost();
  renderWithI18n(<StaffSettings client={host.client} onBack={() => undefined} />, 'en');
  await screen.findByTestId('settings-save');
  return host;
}

const choose = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
async function save(): Promise<void> {
  fireEvent.click(screen.getByTestId('settings-save'));
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('StaffSettings: counter hours per service', () => {
  it('shows each counter-hours service with its own hours, and saves each service its own', async () => {
    const host = await open();
    // The stored hours, although 08:15 is not one of the half hours offered.
    expect(screen.getByTestId('settings-open-birthRegistration')).toHaveProperty('value', '08:15');
    expect(screen.queryByTestId('settings-hours-temporaryPlate')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-counter-temporaryPlate'));
    expect(screen.getByTestId('settings-hours-temporaryPlate').getAttribute('aria-label')).toBe('Counter hours: Apply for temporary number plates');
    choose('settings-open-temporaryPlate', '14:00');
    choose('settings-close-temporaryPlate', '18:30');
    choose('settings-close-birthRegistration', '11:30');
    await save();
    expect(host.saves.map((s) => s.serviceHours)).toEqual([{ birthRegistration: { open: '08:15', close: '11:30' }, temporaryPlate: { open: '14:00', close: '18:30' } }]);
    expect(screen.getByTestId('settings-note').textContent).toBe('Saved. New sessions use them.');

    // No longer limited to counter hours: its hours go with it.
    fireEvent.click(screen.getByTestId('settings-counter-birthRegistration'));
    expect(screen.queryByTestId('settings-hours-birthRegistration')).toBeNull();
    await save();
    expect(host.saves.at(-1)?.serviceHours).toEqual({ temporaryPlate: { open: '14:00', close: '18:30' } });
  });

  it.each([
    ['closes before it opens', '12:00', '09:00'],
    ['opens and closes at the same time', '09:00', '09:00'],
  ])('a service whose counter %s is named in the error, linked to its hours, and nothing is saved', async (_what, opensAt, closesAt) => {
    const host = await open();
    fireEvent.click(screen.getByTestId('settings-counter-temporaryPlate'));
    choose('settings-open-temporaryPlate', opensAt);
    choose('settings-close-temporaryPlate', closesAt);
    await save();
    expect(host.saves).toEqual([]);
    const summary = screen.getByTestId('error-summary');
    expect(summary.textContent).toContain('Apply for temporary number plates: the counter must open before it closes.');
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#settings-close-temporaryPlate');
    expect(screen.getByTestId('settings-close-temporaryPlate').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('settings-close-birthRegistration').getAttribute('aria-invalid')).toBeNull();
    // Put right, it saves.
    choose('settings-close-temporaryPlate', '17:00');
    await save();
    expect(host.saves).toHaveLength(1);
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });
});
