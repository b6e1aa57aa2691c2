import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../electron/host/config';
import { getSubmission } from '../../electron/host/store/repos/submissions';
import { hasOpenssl, makeTestPki, type TestPki } from '../fixtures/test-pki';
import { auditText, drain, expectDeliveredExactlyOnce, expectNoPersonalData, harness, type Harness } from './uplink-harness';

let pkiDir: string;
let pki: TestPki;
let h: Harness | undefined;

beforeAll(() => {
  // Certificates are made fresh for the run; without openssl this file cannot test TLS at all.
  if (!hasOpenssl()) throw new Error('These tests need the openssl command line tool on PATH to make test certificates.');
  pkiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pki-'));
  pki = makeTestPki(pkiDir);
});

afterAll(() => {
  fs.rmSync(pkiDir, { recursive: true, force: true });
});

afterEach(async () => {
  if (h) {
    expectNoPersonalData([...h.lines, ...auditText(h.db)]);
    await h.close();
  }
  h = undefined;
});

async function mtlsHarness(): Promise<Harness> {
  const read = (file: string) => fs.readFileSync(file);
  return harness({ tls: { key: read(pki.serverKey), cert: read(pki.serverCert), ca: read(pki.caCert) }, basePath: '/platform/v1' });
}

describe('mutual TLS', () => {
  it('delivers with the kiosk certificate, and the platform knows which kiosk it is', async () => {
    h = await mtlsHarness();
    expect(h.receiver.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/platform\/v1$/);
    const refs = h.enqueue(6);
    const uplink = h.uplink({ clientCertFile: pki.clientCert, clientKeyFile: pki.clientKey, caFile: pki.caCert });
    await drain(h, uplink);
    expectDeliveredExactlyOnce(h, refs);
    for (const reference of refs) expect(h.receiver.stored.get(reference)?.clientName).toBe('kiosk-K01');
  });

  it('is refused without a client certificate; the submissions wait', async () => {
    h = await mtlsHarness();
    const refs = h.enqueue(2);
    const uplink = h.uplink({ caFile: pki.caCert });
    await uplink.syncOnce();
    expect(h.receiver.counters.requests).toBe(0);
    expect(uplink.status().lastError).toMatch(/^(network|tls):[A-Z0-9_]+$/);
    expect(uplink.status().platform).not.toBe('ok');
    for (const reference of refs) expect(getSubmission(h.db, reference)).toMatchObject({ state: 'queued', attempts: 1 });
  });

  it('is refused with a certificate from a CA the platform does not trust', async () => {
    h = await mtlsHarness();
    h.enqueue(1);
    const uplink = h.uplink({ clientCertFile: pki.strangerCert, clientKeyFile: pki.strangerKey, caFile: pki.caCert });
    await uplink.syncOnce();
    expect(h.receiver.counters.requests).toBe(0);
    expect(uplink.status().lastError).toMatch(/^(network|tls):/);
  });

  it('refuses a platform whose certificate it cannot verify, as a configuration error', async () => {
    h = await mtlsHarness();
    h.enqueue(1);
    // No caFile: the receiver's certificate is signed by a CA nobody trusts.
    const uplink = h.uplink({ clientCertFile: pki.clientCert, clientKeyFile: pki.clientKey });
    await uplink.syncOnce();
    expect(h.receiver.counters.requests).toBe(0);
    expect(uplink.status()).toMatchObject({ platform: 'error', lastError: expect.stringMatching(/^tls:/) as unknown });
  });

  it('names the setting whose file cannot be read', async () => {
    h = await mtlsHarness();
    expect(() => h!.uplink({ clientCertFile: path.join(pkiDir, 'missing.pem'), clientKeyFile: pki.clientKey })).toThrow(ConfigError);
    expect(() => h!.uplink({ clientCertFile: path.join(pkiDir, 'missing.pem'), clientKeyFile: pki.clientKey })).toThrow(/clientCertFile.*ENOENT/);
  });
});

describe('bearer token', () => {
  const TOKEN = 'test-token-7f3a9c';

  it('sends the token and never logs it', async () => {
    h = await harness({ bearerToken: TOKEN });
    const refs = h.enqueue(3);
    const uplink = h.uplink({ bearerToken: TOKEN });
    await drain(h, uplink);
    expectDeliveredExactlyOnce(h, refs);
    expect(h.receiver.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(h.lines.join('\n')).not.toContain(TOKEN);
  });

  it('keeps the batch queued (not failed) when the platform refuses the token, and says so', async () => {
    h = await harness({ bearerToken: TOKEN });
    const refs = h.enqueue(2);
    const uplink = h.uplink({ bearerToken: 'wrong-token' });
    await uplink.syncOnce();
    for (const reference of refs) expect(getSubmission(h.db, reference)).toMatchObject({ state: 'queued', lastError: 'http401', attempts: 1 });
    expect(uplink.status()).toMatchObject({ platform: 'error', lastError: 'http401' });
    expect(h.lines.join('\n')).not.toContain('wrong-token');
  });
});
