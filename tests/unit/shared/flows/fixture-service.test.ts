/**
 * Adding a service is data: a small entry made here, with its own texts, runs end to end
 * through the generic runner (the same kiosk machine the host uses) with no other code.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { ServiceEntry } from '../../../../shared/catalog/catalog-schema';
import { catalogKeys } from '../../../../shared/catalog/catalog-keys';
import { catalog } from '../../../../shared/catalog/services';
import { serviceEntrySchema } from '../../../../shared/catalog/catalog-schema';
import { toFlowView } from '../../../../shared/flows/flow-view';
import { buildKioskMachine } from '../../../../shared/flows/kiosk.machine';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import type { RATING_REASONS } from '../../../../shared/steps/rating/rating.step';
import type { SubmissionDraft } from '../../../../shared/steps/submit/submit.step';

/** 遗失物品登记: report a lost item. Not a real kiosk service: a fixture. */
const lostProperty: ServiceEntry = {
  id: 'lostPropertyReport',
  family: 'household',
  bring: ['idCard'],
  minutes: 2,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    {
      kind: 'questions',
      id: 'item',
      questions: [
        { id: 'itemKind', kind: 'choice', onSlip: true, options: [{ id: 'bag' }, { id: 'phone' }, { id: 'other', withText: true }] },
        { id: 'lostOn', kind: 'date', range: 'past' },
      ],
    },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['itemKind'] },
    { kind: 'rating', id: 'rating' },
  ],
};

// Its translations, as a new service would add them to the locale files.
const texts: Record<string, string> = {
  'services.lostPropertyReport.title': '遗失物品登记',
  'services.lostPropertyReport.summary': '登记遗失的物品。',
  'start.lostPropertyReport.details': '登记后，找到物品时我们会通知您。',
  'bring.idCard': '本人居民身份证',
  'identify.method.idCard': '居民身份证',
  'identify.present.idCard': '请将身份证放在读卡器上。',
  'questions.itemKind.label': '您丢失了什么？',
  'questions.itemKind.hint': '请选择一项。',
  'questions.itemKind.options.bag': '包',
  'questions.itemKind.options.phone': '手机',
  'questions.itemKind.options.other': '其他',
  'questions.itemKind.otherLabel': '请说明',
  'questions.lostOn.label': '您哪天丢失的？',
  'questions.lostOn.hint': '请填写年、月、日。',
};

const CARD = { name: '测试员', sex: 'M' as const, ethnicity: '01', birthDate: '1980-03-15', address: '北京市朝阳区示例路1号', idNumber: '110105198003150012', authority: '示例分局', validFrom: '2015-03-01', validTo: '2035-03-01' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-02T10:00:00'));
});
afterEach(() => vi.useRealTimers());

describe('a service added as data', () => {
  it('is a valid entry whose texts are all given', () => {
    expect(serviceEntrySchema.safeParse(lostProperty).success).toBe(true);
    expect(catalogKeys(lostProperty).filter((k) => !(k in texts))).toEqual([]);
  });

  it('runs from the welcome screen to the slip and the rating through the generic runner', async () => {
    const drafts: SubmissionDraft[] = [];
    const printed: string[] = [];
    const machine = buildKioskMachine([...catalog, lostProperty]).provide({
      actors: {
        readCard: fromPromise(async () => identityFromCard(CARD)),
        enqueue: fromPromise(async ({ input }) => {
          drafts.push(input);
          return { reference: 'JN-K01A-0001-X' };
        }),
        print: fromPromise(async ({ input }) => {
          printed.push(input.step.id);
          return { documentNumber: null };
        }),
        saveRating: fromPromise<void, { serviceId: string; level: number; reason: (typeof RATING_REASONS)[number] | null }>(async () => {}),
      },
    });
    const actor = createActor(machine, { input: { sessionId: 's1', defaultLang: 'zh-CN', idleWarnMs: 60_000, idleResetMs: 30_000 } });
    actor.start();
    const screen = () => toFlowView(actor.getSnapshot()).screen;

    actor.send({ type: 'SELECT_SERVICE', serviceId: 'lostPropertyReport' });
    expect(screen()).toEqual({ name: 'start', serviceId: 'lostPropertyReport' });
    actor.send({ type: 'CONTINUE' });
    await vi.advanceTimersByTimeAsync(0);
    expect(screen()).toMatchObject({ name: 'question', question: { id: 'itemKind' }, index: 0, total: 2 });
    actor.send({ type: 'ANSWER', questionId: 'itemKind', value: { choice: 'other', text: '雨伞' } });
    actor.send({ type: 'ANSWER', questionId: 'lostOn', value: { text: '2026-11-30' } });
    expect(screen()).toMatchObject({ name: 'check', rows: [{ kind: 'answer', question: { id: 'itemKind' } }, { kind: 'answer', question: { id: 'lostOn' } }], feeFen: 0 });
    actor.send({ type: 'SUBMIT' });
    await vi.advanceTimersByTimeAsync(0);
    expect(screen()).toMatchObject({ name: 'confirmation', reference: 'JN-K01A-0001-X', status: 'printed' });
    expect(drafts).toEqual([
      expect.objectContaining({ serviceId: 'lostPropertyReport', answers: { itemKind: { choice: 'other', text: '雨伞' }, lostOn: { text: '2026-11-30' } }, review: false, payment: null }),
    ]);
    expect(printed).toEqual(['slip']);
    actor.send({ type: 'FINISH' });
    actor.send({ type: 'RATE', level: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().status).toBe('done');
  });
});
