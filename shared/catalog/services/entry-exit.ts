import type { ServiceEntry } from '../catalog-schema';

/** 往来港澳通行证签注: read the permit, check what it may get, choose, pay per endorsement, print onto the permit. */
export const hkMacaoEndorsement: ServiceEntry = {
  id: 'hkMacaoEndorsement',
  family: 'entryExit',
  bring: ['hkMacaoPermit', 'payment'],
  minutes: 4,
  devices: ['documentReader', 'paymentTerminal', 'permitPrinter', 'receiptPrinter', 'camera'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['hkMacaoPermit'] },
    // The person at the kiosk must be the holder of the permit (人脸识别认证); the endorsement is
    // printed at once, so without a photo to compare with the resident goes to a counter.
    { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'counter' },
    { kind: 'lookup', id: 'allowance', lookup: 'endorsements', params: { permitNumber: 'identity.document.number' } },
    {
      kind: 'eligibility',
      id: 'eligibility',
      rules: [
        // An expired permit is already refused when it is read; an endorsement must also fit inside the permit's validity.
        { id: 'permitLongEnough', fact: 'identity.daysToExpiry', op: 'gte', value: 90 },
        { id: 'endorsementAllowed', fact: 'lookups.allowance.eligible', op: 'eq', value: true },
      ],
    },
    {
      kind: 'questions',
      id: 'endorsement',
      questions: [
        { id: 'hkMacaoDestination', kind: 'choice', onSlip: true, options: [{ id: 'HKG' }, { id: 'MAC' }] },
        { id: 'visitType', kind: 'choice', onSlip: true, options: [{ id: 'individual' }, { id: 'group' }] },
        { id: 'validity', kind: 'choice', options: [{ id: '3' }, { id: '12' }] },
        { id: 'entries', kind: 'choice', onSlip: true, options: [{ id: '1' }, { id: '2' }] },
      ],
    },
    // Individual visits are limited per year: checked once the resident has chosen one.
    {
      kind: 'eligibility',
      id: 'individualLeft',
      rules: [{ id: 'individualRemaining', when: { question: 'visitType', is: ['individual'] }, fact: 'lookups.allowance.remainingIndividual', op: 'gt', value: 0 }],
    },
    { kind: 'check', id: 'check' },
    // 15 yuan for each endorsement (each entry is one).
    { kind: 'pay', id: 'fee', amount: { unitFen: 1500, times: 'entries' } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'permitPrint', output: 'permitEndorsement' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['hkMacaoDestination', 'visitType', 'entries'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 往来台湾通行证签注: the same for the Taiwan permit (group or family visits). */
export const taiwanEndorsement: ServiceEntry = {
  id: 'taiwanEndorsement',
  family: 'entryExit',
  bring: ['taiwanPermit', 'payment'],
  minutes: 4,
  devices: ['documentReader', 'paymentTerminal', 'permitPrinter', 'receiptPrinter', 'camera'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['taiwanPermit'] },
    // The person at the kiosk must be the holder of the permit (人脸识别认证); the endorsement is
    // printed at once, so without a photo to compare with the resident goes to a counter.
    { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'counter' },
    { kind: 'lookup', id: 'allowance', lookup: 'endorsements', params: { permitNumber: 'identity.document.number' } },
    {
      kind: 'eligibility',
      id: 'eligibility',
      rules: [
        // An expired permit is already refused when it is read; an endorsement must also fit inside the permit's validity.
        { id: 'permitLongEnough', fact: 'identity.daysToExpiry', op: 'gte', value: 90 },
        { id: 'endorsementAllowed', fact: 'lookups.allowance.eligible', op: 'eq', value: true },
      ],
    },
    {
      kind: 'questions',
      id: 'endorsement',
      questions: [
        { id: 'taiwanVisitType', kind: 'choice', onSlip: true, options: [{ id: 'group' }, { id: 'family' }] },
        { id: 'validity', kind: 'choice', options: [{ id: '3' }, { id: '12' }] },
        { id: 'entries', kind: 'choice', onSlip: true, options: [{ id: '1' }, { id: '2' }] },
      ],
    },
    { kind: 'check', id: 'check' },
    { kind: 'pay', id: 'fee', amount: { unitFen: 1500, times: 'entries' } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'permitPrint', output: 'permitEndorsement' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['taiwanVisitType', 'entries'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 出入境证件申请预受理: a passport or permit application started at the kiosk, with the photo taken here; finished at a counter. */
export const travelDocumentPreAcceptance: ServiceEntry = {
  id: 'travelDocumentPreAcceptance',
  family: 'entryExit',
  bring: ['idCard', 'photoTaken'],
  minutes: 5,
  devices: ['idCardReader', 'camera', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    {
      kind: 'questions',
      id: 'application',
      questions: [
        { id: 'travelDocument', kind: 'choice', onSlip: true, options: [{ id: 'passport' }, { id: 'hkMacaoPermit' }, { id: 'taiwanPermit' }] },
        { id: 'applicationReason', kind: 'choice', onSlip: true, options: [{ id: 'first' }, { id: 'renewal' }, { id: 'lost' }, { id: 'full' }] },
        { id: 'travelCountry', kind: 'country', when: { question: 'travelDocument', is: ['passport'] } },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'entryExit' },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['travelDocument', 'applicationReason'], bring: ['idCard', 'oldDocument'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 出入境办理进度和签注余量查询: what the platform knows of the resident's applications and endorsements; nothing is submitted. */
export const entryExitStatus: ServiceEntry = {
  id: 'entryExitStatus',
  family: 'entryExit',
  bring: ['idCard'],
  minutes: 1,
  devices: ['idCardReader'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'applications', lookup: 'applications', params: { idNumber: 'identity.idNumber' }, show: true },
    { kind: 'rating', id: 'rating' },
  ],
};
