/**
 * The A4 documents as printed: the real PDF (pdf-lib, the GB font subset) read back with
 * poppler's pdftotext, so what a resident takes home says what it should, with its number and
 * verification address, and the audit log names the number for the platform to check.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { a4Content, documentNumber, VERIFY_BASE_URL } from '../../electron/host/documents/a4-documents';
import type { PrintSource } from '../../electron/host/documents/print-source';
import { buildDocumentPdf } from '../../electron/host/hardware/document-pdf';
import { identityFromCard } from '../../shared/steps/identify/identify.part';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { removeTempDirs, tempDir } from './helpers';

afterEach(() => removeTempDirs());

function pdfText(pdf: Uint8Array): string {
  const file = path.join(tempDir('kiosk-pdf-'), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const zhang = SIM_RESIDENTS.find((r) => r.id === 'zhang')?.card;
if (!zhang) throw new Error('the sample resident zhang is missing');

function source(overrides: Partial<PrintSource> = {}): PrintSource {
  return {
    serviceId: 'householdCertificate',
    lang: 'zh-CN',
    reference: 'JN-K01A-7QXZ-3',
    identity: identityFromCard(zhang!),
    answers: { certificatePurpose: { choice: 'school' } },
    lookups: { household: { kind: 'household', data: { householdNumber: '110105012345', address: '北京市朝阳区示例路1号院2号楼301室', relation: 'head', registeredSince: '2008-05-20' } } },
    payment: null,
    ...overrides,
  };
}

const NOW = new Date('2026-12-02T10:00:00Z');

describe('A4 documents', () => {
  it('numbers each document by kind, day and kiosk, with six characters that never include I, L, O or U', () => {
    const number = documentNumber('householdCertificate', 'K01', NOW, (n) => Uint8Array.from({ length: n }, (_, i) => i * 7));
    expect(number).toMatch(/^HC20261202K01[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(documentNumber('drivingRecord', 'K01', NOW)).toMatch(/^DR20261202K01/);
  });

  it('a household registration certificate says who, the register entry, its number and how to verify it', async () => {
    const number = 'HC20261202K01ABCDEF';
    const text = pdfText(await buildDocumentPdf(a4Content('householdCertificate', source(), number, NOW), { now: NOW }));
    for (const expected of ['户籍证明', '张伟明', '110105198003150012', '110105012345', '北京市朝阳区示例路1号院2号楼301室', '户主', '入学', number, 'JN-K01A-7QXZ-3', '2026-12-02', '核验']) {
      expect(text, expected).toContain(expected);
    }
  });

  it('a fine receipt lists the fines paid, the total and the transaction, in English for an English session', async () => {
    const fines = {
      fines: {
        kind: 'fines' as const,
        data: {
          plate: '京A12345',
          items: [
            { id: 'V2026001', amountFen: 20_000, date: '2026-10-23', place: 'Chaoyang', offence: '1039', points: 3, payable: true },
            { id: 'V2026002', amountFen: 10_000, date: '2026-11-20', place: 'Jianguo Road', offence: '1344', points: 0, payable: true },
          ],
        },
      },
    };
    const text = pdfText(
      await buildDocumentPdf(
        a4Content(
          'fineReceipt',
          source({ serviceId: 'trafficFines', lang: 'en', lookups: fines, answers: { finesChosen: { picks: ['V2026002'] } }, payment: { orderId: 'o', transactionId: 'SIM0123456789AB', amountFen: 10_000 } }),
          'FR20261202K01ABCDEF',
          NOW,
        ),
        { now: NOW },
      ),
    );
    expect(text).toContain('Traffic Fine Payment Receipt');
    expect(text).toContain('Driving in a bus lane');
    expect(text).not.toContain('Parking where it is not allowed');
    expect(text).toContain('￥100.00');
    expect(text).toContain('SIM0123456789AB');
  });

  it("the QR code carries the verification address of the document's number", () => {
    const content = a4Content('drivingRecord', source({ serviceId: 'drivingRecord' }), 'DR20261202K01ABCDEF', NOW);
    expect(content.qrText).toBe(`${VERIFY_BASE_URL}DR20261202K01ABCDEF`);
    expect(() => QRCode.create(content.qrText ?? '', { errorCorrectionLevel: 'M' })).not.toThrow();
  });
});
