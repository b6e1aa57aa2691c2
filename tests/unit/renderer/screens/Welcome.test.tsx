// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Devices } from '../../../../shared/contract';
import { Welcome } from '../../../../renderer/src/screens/Welcome';
import { renderWithI18n } from '../render';
import { allOnline, screenProps } from '../screen-props';

afterEach(cleanup);

const welcome = (devices: Devices | null, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const props = screenProps<'welcome'>({ name: 'welcome' }, { devices, lang });
  renderWithI18n(<Welcome {...props} />, lang);
  return props;
};

describe('Welcome', () => {
  it('offers every service while its devices are ready', () => {
    const { send } = welcome(allOnline);
    fireEvent.click(screen.getByTestId('service-idCardRenewal'));
    expect(send).toHaveBeenCalledWith({ type: 'SELECT_SERVICE', serviceId: 'idCardRenewal' });
    expect(screen.queryByTestId('unavailable-noCriminalRecord')).toBeNull();
    fireEvent.click(screen.getByTestId('lookup-start'));
    expect(send).toHaveBeenLastCalledWith({ type: 'LOOKUP' });
  });

  it('shows the families in catalog order, each with its own heading', () => {
    welcome(allOnline);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(['户政业务', '出入境业务', '车驾管业务']);
  });

  it('says why a service is unavailable, in the resident language, and only for services that need the device', () => {
    const devices: Devices = { ...allOnline, receiptPrinter: { device: 'online', paper: 'out' }, camera: { device: 'userError', detail: 'permissionDenied' } };
    const { send } = welcome(devices, 'en');
    const button = screen.getByTestId<HTMLButtonElement>('service-noCriminalRecord');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // Still focusable, so the keypad and speech reach it; a tap does nothing.
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByTestId('unavailable-noCriminalRecord').textContent).toContain('run out of paper');
    // Renewal needs the camera too; the first of its devices that is down names the reason.
    expect(screen.getByTestId('unavailable-idCardRenewal').textContent).toContain('The camera is not available');
    // The description is tied to the button for screen readers.
    expect(button.getAttribute('aria-describedby')).toBe('reason-noCriminalRecord');
  });

  it('a camera problem alone leaves the service without photos available', () => {
    welcome({ ...allOnline, camera: { device: 'noDevice' } });
    expect(screen.getByTestId('service-noCriminalRecord').getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByTestId('service-idCardRenewal').getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('unavailable-idCardRenewal').textContent).toContain('摄像头');
  });

  it('offers no service until the devices are known, and says it is checking', () => {
    welcome(null, 'en');
    expect(screen.queryByTestId('service-noCriminalRecord')).toBeNull();
    expect(screen.queryByTestId('lookup-start')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe("Checking the kiosk's devices…");
  });
});
