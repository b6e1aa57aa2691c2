import type { ScreenName, ScreenOf } from '../../../../shared/contract';
import { IDENTIFY_ERRORS } from '../../../../shared/steps/identify/identify.step';
import { LOOKUP_FAILURES, type LookupData } from '../../../../shared/steps/lookup/lookup-kinds';
import { PAYMENT_FAILURES } from '../../../../shared/steps/pay/pay.step';
import { PRINT_STATUSES } from '../../../../shared/steps/print/print.step';

/** One example of every screen; a screen missing here fails the type check. */
export const EXAMPLES: { [N in ScreenName]: ScreenOf<N> } = {
  welcome: { name: 'welcome' },
  start: { name: 'start', serviceId: 'idCardRenewal' },
  unavailable: { name: 'unavailable', reason: 'keyUnreadable' },
  identify: { name: 'identify', phase: 'present', methods: ['idCard'], method: 'idCard', error: null, inputError: null, phoneMasked: null, busy: false, codesLeft: 3 },
  refused: { name: 'refused', stepId: 'rules', ruleId: 'licenceRenewable' },
  faceVerify: { name: 'faceVerify', stepId: 'face', phase: 'ready', triesLeft: 2, lastMiss: 'notMatched', source: 'card', withoutPhoto: 'officerLater' },
  lookingUp: { name: 'lookingUp', stepId: 'fines', lookup: 'fines' },
  lookupFailed: { name: 'lookupFailed', stepId: 'fines', lookup: 'fines', failure: 'offline' },
  lookupShown: {
    name: 'lookupShown',
    stepId: 'applications',
    found: { kind: 'applications', data: { items: [{ id: 'EX1', kind: 'passport', state: 'processing', updatedOn: '2026-05-01' }], endorsementsRemaining: 2 } },
  },
  question: { name: 'question', stepId: 'details', question: { id: 'phone', kind: 'phone' }, index: 1, total: 3, answer: null, error: null, returnToCheck: false, items: null },
  photo: { name: 'photo', stepId: 'photo', spec: 'residentId', returnToCheck: false },
  check: { name: 'check', stepId: 'check', applicant: null, rows: [], feeFen: 0 },
  payment: { name: 'payment', stepId: 'fee', amountFen: 2000, qrText: null, expiresAt: null },
  paymentFailed: { name: 'paymentFailed', stepId: 'fee', amountFen: 2000, failure: 'timedOut' },
  reviewNotice: { name: 'reviewNotice', stepId: 'review', workingDays: 5 },
  submitting: { name: 'submitting', stepId: 'submit' },
  submitFailed: { name: 'submitFailed', stepId: 'submit', paid: false },
  confirmation: { name: 'confirmation', stepId: 'slip', reference: 'JN-K01A-7QXZ-3', status: 'printed', paidFen: null, review: false, bring: [], others: [] },
  printing: { name: 'printing', stepId: 'print', output: 'a4', document: 'householdCertificate', reference: 'JN-K01A-7QXZ-3', status: 'printing' },
  rating: { name: 'rating', stepId: 'rating' },
  lookup: { name: 'lookup', error: null, reference: null, checking: false },
  lookupResult: { name: 'lookupResult', reference: 'JN-K01A-7QXZ-3', result: { found: false }, reprint: 'none' },
};

const day = '2026-06-01';
export const FOUND: LookupData[] = [
  { kind: 'fines', data: { plate: '京A12345', items: [{ id: 'V1', amountFen: 20_000, date: day, place: '朝阳区建国路', offence: '1344', points: 0, payable: true }] } },
  { kind: 'fines', data: { plate: '京B67890', items: [] } },
  { kind: 'endorsements', data: { eligible: false, refusal: 'permitExpiresTooSoon', allowed: [], remainingIndividual: null, permitValidTo: day } },
  { kind: 'endorsements', data: { eligible: true, refusal: null, allowed: ['individual', 'group', 'family', 'business'], remainingIndividual: 2, permitValidTo: day } },
  { kind: 'licence', data: { licenceClass: 'C1', validTo: day, points: 0, status: 'suspended', renewable: false } },
  { kind: 'household', data: { householdNumber: '110105012345', address: '北京市朝阳区示例路1号', relation: 'head', registeredSince: day } },
  { kind: 'vehicle', data: { plate: '京B67890', vehicleType: 'smallCar', registeredOn: day, inspectionDue: day, ownerMatches: true, exemptEligible: false, refusal: 'tooOld' } },
  { kind: 'applications', data: { items: [], endorsementsRemaining: null } },
  { kind: 'drivingRecord', data: { licenceClass: 'C1', firstIssued: day, points: 3, violations: 2, accidents: 0, periodFrom: day, periodTo: day } },
  { kind: 'residencePermit', data: { hasPermit: true, validTo: day, endorsedUntil: null, endorsementDue: true, residentSince: day } },
];

const question = (q: ScreenOf<'question'>['question'], more: Partial<ScreenOf<'question'>> = {}): ScreenOf<'question'> => ({
  name: 'question',
  stepId: 'details',
  question: q,
  index: 2,
  total: 5,
  answer: null,
  error: null,
  returnToCheck: false,
  items: null,
  ...more,
});
const fines = FOUND[0]?.kind === 'fines' ? FOUND[0].data.items : [];

/** A question of every kind, some answered, some with the host's error. */
export const QUESTIONS: ScreenOf<'question'>[] = [
  question({ id: 'purpose', kind: 'choice', options: [{ id: 'job' }, { id: 'study' }, { id: 'visa' }, { id: 'other', withText: true }] }, { answer: { choice: 'other', text: '' }, error: 'required' }),
  question({ id: 'destination', kind: 'text', maxLength: 60 }, { answer: { text: '加拿大' } }),
  question({ id: 'phone', kind: 'phone' }, { answer: { text: '1390000000' }, error: 'phoneFormat' }),
  question({ id: 'vin', kind: 'digits', minLength: 17, maxLength: 17 }, { error: 'digitsFormat' }),
  question({ id: 'lossDate', kind: 'date', range: 'past' }, { answer: { text: '2026-05-03' } }),
  question({ id: 'childBirthDate', kind: 'date', range: 'past' }, { error: 'dateFormat' }),
  question({ id: 'plate', kind: 'plate' }, { answer: { text: '京A12345' } }),
  question({ id: 'plate', kind: 'plate' }, { error: 'plateFormat' }),
  question({ id: 'travelCountry', kind: 'country' }, { answer: { choice: 'TW' } }),
  question({ id: 'finesChosen', kind: 'pick', from: 'fines', min: 1 }, {
    answer: { picks: ['V1'] },
    items: [...fines, { id: 'V9', amountFen: 20_000, date: '2026-05-05', place: '东城区长安街', offence: '1625', points: 6, payable: false }],
  }),
];

const identify = EXAMPLES.identify;
/** More views of the screens: every phase, failure and status, for the screens' tests. */
/** The face check's other faces: before the photo is ready, the first try from the platform's photo, no photo to compare with, the counter. */
export const FACE_VARIANTS: { screen: ScreenOf<'faceVerify'>; dataScreen: string }[] = [
  { screen: { ...EXAMPLES.faceVerify, phase: 'preparing', lastMiss: null, triesLeft: 3, source: null }, dataScreen: 'face' },
  { screen: { ...EXAMPLES.faceVerify, lastMiss: null, triesLeft: 3, source: 'platform' }, dataScreen: 'face' },
  { screen: { ...EXAMPLES.faceVerify, lastMiss: 'notLive', triesLeft: 1 }, dataScreen: 'face' },
  { screen: { ...EXAMPLES.faceVerify, phase: 'noReference', lastMiss: null, triesLeft: 3, source: 'none' }, dataScreen: 'face-no-reference' },
  { screen: { ...EXAMPLES.faceVerify, phase: 'noReference', lastMiss: null, triesLeft: 3, source: 'none', withoutPhoto: 'counter' }, dataScreen: 'face-no-reference' },
  { screen: { ...EXAMPLES.faceVerify, phase: 'counter', lastMiss: 'notMatched', triesLeft: 0 }, dataScreen: 'face-counter' },
];

export const VARIANTS: { screen: ScreenOf<ScreenName>; dataScreen: string }[] = [
  { screen: { ...identify, phase: 'choose', methods: ['idCard', 'hkMacaoPermit', 'taiwanPermit', 'passport', 'idNumberOtp'], method: null }, dataScreen: 'identifyChoose' },
  ...(['hkMacaoPermit', 'taiwanPermit', 'passport'] as const).map((method) => ({ screen: { ...identify, method }, dataScreen: 'identify' })),
  { screen: { ...identify, phase: 'otpNumber', method: 'idNumberOtp', inputError: 'idNumberFormat' }, dataScreen: 'otpNumber' },
  { screen: { ...identify, phase: 'otpNumber', method: 'idNumberOtp', busy: true, codesLeft: 3 }, dataScreen: 'otpNumber' },
  { screen: { ...identify, phase: 'otpCode', method: 'idNumberOtp', phoneMasked: '139****0012', error: 'wrongCode' }, dataScreen: 'otpCode' },
  { screen: { ...identify, phase: 'otpCode', method: 'idNumberOtp', phoneMasked: '139****0012', inputError: 'codeFormat' }, dataScreen: 'otpCode' },
  ...IDENTIFY_ERRORS.map((error) => ({ screen: { ...identify, phase: 'failed' as const, error }, dataScreen: 'identifyFailed' })),
  ...LOOKUP_FAILURES.map((failure) => ({ screen: { ...EXAMPLES.lookupFailed, failure }, dataScreen: 'lookupFailed' })),
  ...FACE_VARIANTS,
  ...FOUND.map((found) => ({ screen: { ...EXAMPLES.lookupShown, found }, dataScreen: 'lookupShown' })),
  ...PAYMENT_FAILURES.map((failure) => ({ screen: { ...EXAMPLES.paymentFailed, failure }, dataScreen: 'paymentFailed' })),
  ...PRINT_STATUSES.flatMap((status) => [
    { screen: { ...EXAMPLES.printing, status }, dataScreen: 'printing' },
    { screen: { ...EXAMPLES.printing, output: 'permitEndorsement' as const, document: null, status }, dataScreen: 'printing' },
    { screen: { ...EXAMPLES.confirmation, status }, dataScreen: 'confirmation' },
  ]),
  {
    screen: {
      ...EXAMPLES.confirmation,
      paidFen: 3000,
      review: true,
      bring: ['idCard', 'householdBook'],
      others: (['printed', 'later', 'failed'] as const).flatMap((status) => [
        { output: 'a4' as const, status },
        { output: 'permitEndorsement' as const, status },
      ]),
    },
    dataScreen: 'confirmation',
  },
  ...(['none', 'printing', 'printed', 'failed', 'notReady'] as const).map((reprint) => ({
    screen: {
      ...EXAMPLES.lookupResult,
      reprint,
      result: { found: true as const, serviceId: 'hkMacaoEndorsement', state: 'accepted' as const, certificateReady: true, submittedAt: Date.UTC(2026, 5, 1), toPrint: ['slip' as const, 'a4' as const, 'permitEndorsement' as const], review: { decision: 'moreInfo' as const, reasonCode: null, bring: ['residenceProof' as const, 'householdBook' as const], decidedAt: Date.UTC(2026, 5, 2) } },
    },
    dataScreen: 'lookupResult',
  })),
  { screen: { ...EXAMPLES.lookup, error: 'checksum', checking: true }, dataScreen: 'lookup' },
  ...QUESTIONS.map((screen) => ({ screen, dataScreen: `question-${screen.question.id}` })),
  {
    screen: {
      name: 'check',
      stepId: 'check',
      applicant: { name: '王小龙', numberMasked: '4403**********0037', method: 'idCard' },
      rows: QUESTIONS.filter((q) => q.answer).map((q) => ({ kind: 'answer' as const, question: q.question, value: q.answer ?? {}, picked: q.question.kind === 'pick' ? (q.items ?? []) : null })),
      feeFen: 45_050,
    },
    dataScreen: 'check',
  },
  { screen: { name: 'start', serviceId: 'trafficFines' }, dataScreen: 'start' },
  { screen: { name: 'start', serviceId: 'residencePermitApplication' }, dataScreen: 'start' },
];

