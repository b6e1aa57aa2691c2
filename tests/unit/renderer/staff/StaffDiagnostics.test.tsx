// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticsResult, DiagnosticsTarget, KioskApi } from '../../../../shared/contract';
import { StaffDiagnostics } from '../../../../renderer/src/staff/StaffDiagnostics';
import { renderWithI18n } from '../render';

afterEach(cleanup);

/** A host with these drives that answers an export with `result`, recording which drive was asked for. */
function fakeHost(drives: DiagnosticsTarget[], result: DiagnosticsResult) {
  const asked: unknown[] = [];
  const client = {
    invoke: async (command: string, request: unknown) => {
      if (command === 'staff:diagnosticsTargets') return { ok: true, value: drives };
      if (command === 'staff:diagnostics') {
        asked.push(request);
        return { ok: true, value: result };
      }
      return { ok: false, error: { code: 'unknownCommand', message: command } };
    },
    on: () => () => undefined,
  } as unknown as KioskApi;
  return { client, asked };
}

const A = { id: '/media/kiosk/A', label: 'A', freeBytes: 2_500_000_000 };
const B = { id: '/media/kiosk/B', label: 'B', freeBytes: 1_000_000 };

describe('StaffDiagnostics', () => {
  it('with several sticks, asks which, then says where the bundle went', async () => {
    const host = fakeHost([A, B], { result: 'written', drive: 'B', file: 'kiosk-diagnostics-K01-20261204T020000Z.tar.gz', bytes: 1_234_567, files: 9 });
    renderWithI18n(<StaffDiagnostics client={host.client} />, 'en');
    fireEvent.click(screen.getByTestId('staff-diagnostics-export'));
    const choices = await screen.findAllByTestId('staff-diagnostics-drive');
    expect(choices.map((c) => c.textContent)).toEqual(['A (2,500.0 MB free)', 'B (1.0 MB free)']);
    fireEvent.click(choices[1]!);
    expect(await screen.findByText(/Done: kiosk-diagnostics-K01-20261204T020000Z\.tar\.gz \(1\.2 MB\) is on B\./)).toBeTruthy();
    expect(host.asked).toEqual([{ drive: B.id }]);
  });

  it('says each failure in words, in the screen language', async () => {
    const host = fakeHost([], { result: 'noDrive' });
    renderWithI18n(<StaffDiagnostics client={host.client} />, 'zh-CN');
    fireEvent.click(screen.getByTestId('staff-diagnostics-export'));
    expect((await screen.findByTestId('staff-diagnostics-note')).textContent).toBe('未找到U盘。请把U盘插入本机的USB接口后重试。');
    expect(host.asked).toEqual([]);
  });

  it('with one stick, writes to it at once; a read-only one is said so', async () => {
    const host = fakeHost([A], { result: 'readOnly' });
    renderWithI18n(<StaffDiagnostics client={host.client} />, 'en');
    fireEvent.click(screen.getByTestId('staff-diagnostics-export'));
    expect(await screen.findByText(/cannot be written to/)).toBeTruthy();
    expect(host.asked).toEqual([{ drive: A.id }]);
  });
});
