// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Devices, PublicSettings } from '../../../../shared/contract';
import { Welcome } from '../../../../renderer/src/screens/Welcome';
import { describeScreen } from '../../../../renderer/src/speech/describe';
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

  const noticeSettings = (notices: PublicSettings['notices']): PublicSettings => ({
    disabledServices: [],
    serviceHours: {},
    languages: ['zh-CN', 'en', 'ko'],
    stationName: '',
    stationPhone: '',
    notices,
    defaultLang: 'zh-CN',
  });
  const CLOSED = { 'zh-CN': '本站窗口10月1日不办公', en: 'The station counter is closed on 1 October' };

  it("shows the station's notices in the resident's language, else the kiosk's own, and speech reads them aloud", () => {
    const props = screenProps<'welcome'>({ name: 'welcome' }, { lang: 'en' });
    renderWithI18n(<Welcome {...props} settings={noticeSettings([CLOSED, { 'zh-CN': '停车场施工' }])} />, 'en');
    const notices = screen.getByRole('complementary', { name: 'Notices from the station' });
    expect(notices.querySelectorAll('p')).toHaveLength(2);
    expect(screen.getByTestId('notice-0').textContent).toBe('The station counter is closed on 1 October');
    expect(screen.getByTestId('notice-0').getAttribute('lang')).toBe('en');
    // No English text: the kiosk's own language, marked as such for screen readers and speech.
    expect(screen.getByTestId('notice-1').textContent).toBe('停车场施工');
    expect(screen.getByTestId('notice-1').getAttribute('lang')).toBe('zh-CN');
    expect(screen.getByTestId('notice-1').getAttribute('data-personal')).toBe('false');
    const parts = describeScreen(document)?.parts ?? [];
    expect(parts).toContainEqual({ kind: 'text', text: 'The station counter is closed on 1 October' });
    expect(parts.some((p) => p.kind === 'personal')).toBe(false);
  });

  it('shows no notice box without notices', () => {
    const props = screenProps<'welcome'>({ name: 'welcome' }, { lang: 'ko' });
    renderWithI18n(<Welcome {...props} settings={noticeSettings([])} />, 'ko');
    expect(screen.queryByTestId('welcome-notices')).toBeNull();
  });

  it('offers no service until the devices are known, and says it is checking', () => {
    welcome(null, 'en');
    expect(screen.queryByTestId('service-noCriminalRecord')).toBeNull();
    expect(screen.queryByTestId('lookup-start')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe("Checking the kiosk's devices…");
  });
});
