// @vitest-environment happy-dom
import type { FaceCheck } from '../../../../shared/steps/face/face.step';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYMENT_STATES, type CommandResponse, type KioskApi, type Lang, type PaymentState } from '../../../../shared/contract';
import { StaffReview } from '../../../../renderer/src/staff/StaffReview';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const REFERENCE = 'JN-K01A-7QXZ-3';

/** A host with one submission in the queue, paid for with a payment in `state`. */
function fakeHost(state: PaymentState, faceCheck: FaceCheck | null = null): KioskApi {
  const detail: CommandResponse<'staff:submission'> = {
    reference: REFERENCE,
    serviceId: 'hkMacaoEndorsement',
    state: 'queued',
    needsReview: false,
    createdAt: new Date(2026, 11, 3, 10, 0).getTime(),
    applicant: null,
    answers: {},
    photo: null,
    faceCheck,
    payment: { amountFen: 1500, state, orderId: 'session-1-1' },
    decisions: [],
    audit: [],
  };
  const replies: Record<string, unknown> = {
    'staff:queue': { items: [{ reference: REFERENCE, serviceId: 'hkMacaoEndorsement', state: 'queued', needsReview: false, decision: null, createdAt: detail.createdAt }], next: null },
    'staff:submission': detail,
  };
  return { invoke: async (command: string) => ({ ok: true, value: replies[command] }), on: () => () => undefined } as unknown as KioskApi;
}

async function openDetail(state: PaymentState, lang: Lang): Promise<HTMLElement> {
  renderWithI18n(<StaffReview client={fakeHost(state)} onBack={() => undefined} />, lang);
  fireEvent.click(await screen.findByTestId(`review-open-${REFERENCE}`));
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return screen.getByTestId('review-payment');
}

const WORDS: Record<'zh-CN' | 'en', Record<PaymentState, string>> = {
  'zh-CN': { pending: '待支付', paid: '已支付', canceled: '已取消（未支付）', timedOut: '已超时（未支付）', refunded: '已退款' },
  en: { pending: 'Waiting for payment', paid: 'Paid', canceled: 'Cancelled, not paid', timedOut: 'Timed out, not paid', refunded: 'Refunded' },
};

describe('StaffReview: the payment of a submission', () => {
  describe.each(['zh-CN', 'en'] as const)('in %s', (lang) => {
    it.each(PAYMENT_STATES)('says %s in words, not as its code', async (state) => {
      const payment = await openDetail(state, lang);
      expect(payment).toHaveProperty('dataset.state', state);
      expect(payment.textContent).toBe(`15.00 · ${WORDS[lang][state]}`);
    });
  });

  it.each(['zh-HK', 'ko', 'ja', 'ru'] as const)('in %s too, with words of its own for each state', async (lang) => {
    const shown = new Set<string>();
    for (const state of PAYMENT_STATES) {
      const text = (await openDetail(state, lang)).textContent ?? '';
      cleanup();
      expect(text.endsWith(` · ${state}`)).toBe(false);
      expect(text).not.toContain('staff.review');
      shown.add(text);
    }
    expect(shown.size).toBe(PAYMENT_STATES.length);
  });
});

describe('StaffReview: how the face check confirmed the applicant', () => {
  it.each([
    ['matched', 'Matched at the kiosk: the holder of the document'],
    ['staffToConfirm', 'No photo to compare with: an officer must confirm the identity in person'],
  ] as const)('%s: said in words, so the officer knows whether to check the applicant in person', async (faceCheck, words) => {
    renderWithI18n(<StaffReview client={fakeHost('paid', faceCheck)} onBack={() => undefined} />, 'en');
    fireEvent.click(await screen.findByTestId(`review-open-${REFERENCE}`));
    const shown = await screen.findByTestId('review-face-check');
    expect(shown.dataset.faceCheck).toBe(faceCheck);
    expect(shown.textContent).toBe(words);
  });

  it('says nothing of a face check for a service without one', async () => {
    await openDetail('paid', 'en');
    expect(screen.queryByTestId('review-face-check')).toBeNull();
  });
});
