import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../electron/host/config';
import { parseUplinkConfig } from '../../../../../electron/host/sync/uplink-config';

describe('parseUplinkConfig', () => {
  it('fills in the defaults', () => {
    expect(parseUplinkConfig({ url: 'https://platform.example/api', kioskId: 'K01' })).toEqual({
      url: 'https://platform.example/api',
      kioskId: 'K01',
      batchSize: 50,
      maxAttempts: 12,
      baseDelayMs: 2_000,
      maxDelayMs: 15 * 60_000,
      requestTimeoutMs: 15_000,
      statusPullIntervalMs: 60_000,
      heartbeatIntervalMs: 60_000,
      alertMinGapMs: 2_000,
    });
  });

  it('treats a missing or empty url as no platform', () => {
    expect(parseUplinkConfig({ kioskId: 'K01' }).url).toBeUndefined();
    expect(parseUplinkConfig({ kioskId: 'K01', url: '  ' }).url).toBeUndefined();
  });

  it('allows plain http only on this machine', () => {
    expect(parseUplinkConfig({ kioskId: 'K01', url: 'http://127.0.0.1:8080' }).url).toBe('http://127.0.0.1:8080');
    expect(parseUplinkConfig({ kioskId: 'K01', url: 'http://localhost:8080/p' }).url).toBe('http://localhost:8080/p');
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'http://platform.example' })).toThrow(/must use https/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'http://127.0.0.1.evil.example' })).toThrow(/must use https/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'ftp://platform.example' })).toThrow(ConfigError);
  });

  it('refuses urls that would leak credentials or are not addresses', () => {
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'https://user:secret@platform.example' })).toThrow(/user name or password/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'https://platform.example/?a=1' })).toThrow(/query/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'not a url' })).toThrow(/not a valid address/);
  });

  it('needs a certificate and its key together', () => {
    expect(() => parseUplinkConfig({ kioskId: 'K01', url: 'https://p.example', clientCertFile: '/etc/kiosk/cert.pem' })).toThrow(/together/);
    expect(parseUplinkConfig({ kioskId: 'K01', url: 'https://p.example', clientCertFile: 'c.pem', clientKeyFile: 'k.pem' })).toMatchObject({
      clientCertFile: 'c.pem',
      clientKeyFile: 'k.pem',
    });
  });

  it('checks numbers and the kiosk code, naming the setting', () => {
    expect(() => parseUplinkConfig({ kioskId: 'K01', batchSize: 0 })).toThrow(/batchSize/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', baseDelayMs: 10_000, maxDelayMs: 5_000 })).toThrow(/maxDelayMs/);
    expect(() => parseUplinkConfig({ kioskId: 'K01', requestTimeoutMs: 1.5 })).toThrow(/requestTimeoutMs/);
    expect(() => parseUplinkConfig({ kioskId: 'KO1' })).toThrow(/kioskId/);
  });

  it('never repeats the token in its messages', () => {
    try {
      parseUplinkConfig({ kioskId: 'K01', url: 'http://platform.example', bearerToken: 'tok-SECRET-123', batchSize: -1 });
      expect.unreachable('the settings are invalid');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('tok-SECRET-123');
    }
  });
});
