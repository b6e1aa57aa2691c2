import type { ServiceEntry } from '../catalog-schema';

/** 无犯罪记录证明申请: the first service, and the model for the others. */
export const noCriminalRecord: ServiceEntry = {
  id: 'noCriminalRecord',
  family: 'household',
  bring: ['idCard', 'phone'],
  minutes: 2,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'purpose', kind: 'choice', onSlip: true, options: [{ id: 'job' }, { id: 'study' }, { id: 'visa' }, { id: 'other', withText: true }] },
        { id: 'destination', kind: 'text', maxLength: 60 },
        { id: 'phone', kind: 'phone' },
        { id: 'delivery', kind: 'choice', onSlip: true, options: [{ id: 'collect' }, { id: 'electronic' }] },
      ],
    },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['purpose', 'delivery'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 居民身份证换领: renewal of an expiring, expired or damaged card, with photo and fee. */
export const idCardRenewal: ServiceEntry = {
  id: 'idCardRenewal',
  family: 'household',
  bring: ['idCard', 'phone', 'payment', 'photoTaken'],
  minutes: 5,
  devices: ['idCardReader', 'camera', 'paymentTerminal', 'receiptPrinter'],
  steps: [
    // A renewal takes the very card that has run out.
    { kind: 'identify', id: 'identify', methods: ['idCard'], acceptExpired: true },
    // The person at the kiosk must be the holder of the card (人脸识别认证); the new card is handed
    // over by an officer, who confirms the identity then when there was no photo to compare with.
    { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'officerLater' },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'renewalReason', kind: 'choice', onSlip: true, options: [{ id: 'expiring' }, { id: 'expired' }, { id: 'damaged' }, { id: 'changed', withText: true }] },
        { id: 'phone', kind: 'phone' },
        { id: 'collection', kind: 'choice', onSlip: true, options: [{ id: 'collect' }, { id: 'mail', withText: true }] },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'residentId' },
    { kind: 'check', id: 'check' },
    // The renewal fee for a second-generation resident ID card is 20 yuan.
    { kind: 'pay', id: 'fee', amount: { fixedFen: 2000 } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['renewalReason', 'collection'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 户籍证明: a certificate of the household register entry, printed on A4 with a verification code. */
export const householdCertificate: ServiceEntry = {
  id: 'householdCertificate',
  family: 'household',
  bring: ['idCard'],
  minutes: 3,
  devices: ['idCardReader', 'documentPrinter', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'household', lookup: 'household', params: { idNumber: 'identity.idNumber' } },
    {
      kind: 'questions',
      id: 'details',
      questions: [{ id: 'certificatePurpose', kind: 'choice', onSlip: true, options: [{ id: 'school' }, { id: 'job' }, { id: 'socialSecurity' }, { id: 'other', withText: true }] }],
    },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'certificate', output: 'a4', document: 'householdCertificate' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['certificatePurpose'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 居民身份证挂失补领: report a lost card (it stops working at once), then apply for a new one. No card to read: ID number and a code to the phone on file. */
export const idCardLossReplacement: ServiceEntry = {
  id: 'idCardLossReplacement',
  family: 'household',
  bring: ['registeredPhone', 'payment', 'photoTaken'],
  minutes: 6,
  devices: ['camera', 'paymentTerminal', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idNumberOtp'] },
    // The person at the kiosk must be the holder of the card (人脸识别认证); the new card is handed
    // over by an officer, who confirms the identity then when there was no photo to compare with.
    { kind: 'faceVerify', id: 'face', tries: 3, withoutPhoto: 'officerLater' },
    // Under 16 a guardian applies at a counter.
    { kind: 'eligibility', id: 'eligibility', rules: [{ id: 'lossAdult', fact: 'identity.age', op: 'gte', value: 16 }] },
    {
      kind: 'questions',
      id: 'loss',
      questions: [
        { id: 'lossKind', kind: 'choice', onSlip: true, options: [{ id: 'lost' }, { id: 'stolen' }] },
        { id: 'lossDate', kind: 'date', range: 'past' },
        { id: 'lossPlace', kind: 'text', maxLength: 60 },
        { id: 'phone', kind: 'phone' },
        { id: 'collection', kind: 'choice', onSlip: true, options: [{ id: 'collect' }, { id: 'mail', withText: true }] },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'residentId' },
    { kind: 'check', id: 'check' },
    // The replacement fee for a second-generation resident ID card is 20 yuan.
    { kind: 'pay', id: 'fee', amount: { fixedFen: 2000 } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['lossKind', 'collection'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 临时居民身份证: a temporary card while the new one is made, or for a trip. */
export const temporaryIdCard: ServiceEntry = {
  id: 'temporaryIdCard',
  family: 'household',
  bring: ['registeredPhone', 'payment', 'photoTaken'],
  minutes: 5,
  devices: ['camera', 'paymentTerminal', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idNumberOtp'] },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'temporaryReason', kind: 'choice', onSlip: true, options: [{ id: 'waitingForCard' }, { id: 'travel' }, { id: 'other', withText: true }] },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'residentId' },
    { kind: 'check', id: 'check' },
    // The fee for a temporary resident ID card is 10 yuan.
    { kind: 'pay', id: 'fee', amount: { fixedFen: 1000 } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['temporaryReason'], bring: ['collectTemporary'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 居住证申领: a residence permit for someone registered elsewhere who lives here; station staff review it. */
export const residencePermitApplication: ServiceEntry = {
  id: 'residencePermitApplication',
  family: 'household',
  bring: ['idCard', 'residenceProof', 'photoTaken'],
  minutes: 6,
  devices: ['idCardReader', 'camera', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'residence', lookup: 'residencePermit', params: { idNumber: 'identity.idNumber' } },
    { kind: 'eligibility', id: 'eligibility', rules: [{ id: 'noPermitYet', fact: 'lookups.residence.hasPermit', op: 'eq', value: false }] },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'localAddress', kind: 'text', maxLength: 100 },
        { id: 'livingSince', kind: 'date', range: 'past' },
        { id: 'residenceBasis', kind: 'choice', onSlip: true, options: [{ id: 'employment' }, { id: 'business' }, { id: 'study' }, { id: 'family' }] },
        { id: 'employer', kind: 'text', maxLength: 60, when: { question: 'residenceBasis', is: ['employment'] } },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'residentId' },
    { kind: 'review', id: 'review', workingDays: 5 },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['residenceBasis'], bring: ['residenceProof', 'employmentProof'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 居住证签注: the yearly endorsement of a residence permit. */
export const residencePermitEndorsement: ServiceEntry = {
  id: 'residencePermitEndorsement',
  family: 'household',
  bring: ['idCard'],
  minutes: 3,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'residence', lookup: 'residencePermit', params: { idNumber: 'identity.idNumber' } },
    {
      kind: 'eligibility',
      id: 'eligibility',
      rules: [
        { id: 'hasResidencePermit', fact: 'lookups.residence.hasPermit', op: 'eq', value: true },
        { id: 'endorsementDue', fact: 'lookups.residence.endorsementDue', op: 'eq', value: true },
      ],
    },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'sameAddress', kind: 'choice', onSlip: true, options: [{ id: 'yes' }, { id: 'no' }] },
        { id: 'newLocalAddress', kind: 'text', maxLength: 100, when: { question: 'sameAddress', is: ['no'] } },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['sameAddress'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 变更联系电话或地址: a new phone number or address for the household record; station staff review it. */
export const contactChange: ServiceEntry = {
  id: 'contactChange',
  family: 'household',
  bring: ['idCard'],
  minutes: 3,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'changeWhat', kind: 'choice', onSlip: true, options: [{ id: 'phone' }, { id: 'address' }, { id: 'both' }] },
        { id: 'newPhone', kind: 'phone', when: { question: 'changeWhat', is: ['phone', 'both'] } },
        { id: 'newAddress', kind: 'text', maxLength: 100, prefill: 'identity.card.address', when: { question: 'changeWhat', is: ['address', 'both'] } },
      ],
    },
    { kind: 'review', id: 'review', workingDays: 3 },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['changeWhat'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 出生登记预受理: a parent starts a newborn's registration; staff check the documents, the slip says what to bring. */
export const birthRegistration: ServiceEntry = {
  id: 'birthRegistration',
  family: 'household',
  bring: ['idCard', 'birthCertificate', 'householdBook'],
  minutes: 5,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'eligibility', id: 'eligibility', rules: [{ id: 'parentAdult', fact: 'identity.age', op: 'gte', value: 18 }] },
    {
      kind: 'questions',
      id: 'child',
      questions: [
        { id: 'parentRole', kind: 'choice', options: [{ id: 'mother' }, { id: 'father' }] },
        { id: 'childName', kind: 'text', maxLength: 30 },
        { id: 'childSex', kind: 'choice', options: [{ id: 'F' }, { id: 'M' }] },
        { id: 'childBirthDate', kind: 'date', range: 'past' },
        { id: 'birthPlace', kind: 'text', maxLength: 60 },
        { id: 'otherParentName', kind: 'text', maxLength: 30 },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'review', id: 'review', workingDays: 5 },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['parentRole'], bring: ['birthCertificate', 'householdBook', 'parentsIdCards', 'marriageCertificate'] },
    { kind: 'rating', id: 'rating' },
  ],
};
