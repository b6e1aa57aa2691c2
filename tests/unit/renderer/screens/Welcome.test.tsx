// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Devices } from '../../../../shared/contract';
import { Welcome } from '../../../../renderer/src/screens/Welcome';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const online = { device: 'online' } as const;
const allOnline: Devices = {
  idCardReader: online,
  receiptPrinter: { device: 'online', paper: 'full' },
  camera: online,
  paymentTerminal: online,
  documentReader: online,
  documentPrinter: online,
  permitPrinter: online,
  storage: online,
};

describe('Welcome', () => {
  it('offers every service while its devices are ready', () => {
    const onSelect = vi.fn();
    renderWithI18n(<Welcome devices={allOnline} onSelect={onSelect} onLookup={vi.fn()} />);
    fireEvent.click(screen.getByTestId('service-idCardRenewal'));
    expect(onSelect).toHaveBeenCalledWith('idCardRenewal');
    expect(screen.queryByTestId('unavailable-noCriminalRecord')).toBeNull();
  });

  it('says why a service is unavailable, in the resident language, and only for services that need the device', () => {
    const devices: Devices = { ...allOnline, receiptPrinter: { device: 'online', paper: 'out' }, camera: { device: 'userError', detail: 'permissionDenied' } };
    renderWithI18n(<Welcome devices={devices} onSelect={vi.fn()} onLookup={vi.fn()} />, 'en');
    const button = screen.getByTestId<HTMLButtonElement>('service-noCriminalRecord');
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('unavailable-noCriminalRecord').textContent).toContain('run out of paper');
    // Renewal needs the camera too; the first of its devices that is down names the reason.
    expect(screen.getByTestId('unavailable-idCardRenewal').textContent).toContain('The camera is not available');
    // The description is tied to the button for screen readers.
    expect(button.getAttribute('aria-describedby')).toBe('reason-noCriminalRecord');
  });

  it('a camera problem alone leaves the service without photos available', () => {
    const devices: Devices = { ...allOnline, camera: { device: 'noDevice' } };
    renderWithI18n(<Welcome devices={devices} onSelect={vi.fn()} onLookup={vi.fn()} />);
    expect(screen.getByTestId<HTMLButtonElement>('service-noCriminalRecord').disabled).toBe(false);
    expect(screen.getByTestId<HTMLButtonElement>('service-idCardRenewal').disabled).toBe(true);
    expect(screen.getByTestId('unavailable-idCardRenewal').textContent).toContain('摄像头');
  });
});
