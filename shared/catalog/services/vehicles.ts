import type { ServiceEntry } from '../catalog-schema';

/** 交通违法处理及罚款缴纳: the fines of a plate, choose which to pay, pay them, receipt on A4 and a slip. */
export const trafficFines: ServiceEntry = {
  id: 'trafficFines',
  family: 'vehicles',
  bring: ['idCard', 'plateNumber', 'payment'],
  minutes: 4,
  devices: ['idCardReader', 'paymentTerminal', 'documentPrinter', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'questions', id: 'plateEntry', questions: [{ id: 'plate', kind: 'plate' }] },
    { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'answers.plate', idNumber: 'identity.idNumber' } },
    // Points-bearing or court cases are dealt with at a counter; here only what can be paid.
    { kind: 'eligibility', id: 'eligibility', rules: [{ id: 'finesToPay', fact: 'lookups.fines.pickableCount', op: 'gt', value: 0 }] },
    { kind: 'questions', id: 'choose', questions: [{ id: 'finesChosen', kind: 'pick', from: 'fines', min: 1 }] },
    { kind: 'check', id: 'check' },
    { kind: 'pay', id: 'payFines', amount: { picked: 'finesChosen', from: 'fines' } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'receipt', output: 'a4', document: 'fineReceipt' },
    { kind: 'print', id: 'slip', output: 'slip', answers: [] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 驾驶证期满换证: a new licence on expiry, with a health declaration, a photo and the fee. */
export const licenceRenewal: ServiceEntry = {
  id: 'licenceRenewal',
  family: 'vehicles',
  bring: ['idCard', 'drivingLicence', 'payment', 'photoTaken'],
  minutes: 6,
  devices: ['idCardReader', 'camera', 'paymentTerminal', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'licence', lookup: 'licence', params: { idNumber: 'identity.idNumber' } },
    {
      kind: 'eligibility',
      id: 'eligibility',
      rules: [
        { id: 'licenceNotBlocked', fact: 'lookups.licence.status', op: 'in', value: ['valid', 'expired'] },
        { id: 'licenceRenewable', fact: 'lookups.licence.renewable', op: 'eq', value: true },
      ],
    },
    {
      kind: 'questions',
      id: 'health',
      questions: [
        // The declaration of GA/T 1002-era forms: any of these conditions means a medical at a counter.
        { id: 'healthDeclaration', kind: 'choice', onSlip: true, options: [{ id: 'none' }, { id: 'someCondition' }] },
      ],
    },
    { kind: 'eligibility', id: 'fit', rules: [{ id: 'healthy', fact: 'answers.healthDeclaration', op: 'eq', value: 'none' }] },
    {
      kind: 'questions',
      id: 'details',
      questions: [
        { id: 'phone', kind: 'phone' },
        { id: 'licenceCollection', kind: 'choice', onSlip: true, options: [{ id: 'collect' }, { id: 'mail', withText: true }] },
      ],
    },
    { kind: 'photo', id: 'photo', spec: 'drivingLicence' },
    { kind: 'check', id: 'check' },
    // The licence production fee is 10 yuan.
    { kind: 'pay', id: 'fee', amount: { fixedFen: 1000 } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['licenceCollection'], bring: ['oldLicence'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 六年免检车辆申领检验标志: the inspection-exempt mark for an eligible small car. */
export const inspectionExemptMark: ServiceEntry = {
  id: 'inspectionExemptMark',
  family: 'vehicles',
  bring: ['idCard', 'plateNumber'],
  minutes: 3,
  devices: ['idCardReader', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'questions', id: 'plateEntry', questions: [{ id: 'plate', kind: 'plate' }] },
    { kind: 'lookup', id: 'vehicle', lookup: 'vehicle', params: { plate: 'answers.plate', idNumber: 'identity.idNumber' } },
    {
      kind: 'eligibility',
      id: 'eligibility',
      rules: [
        { id: 'ownVehicle', fact: 'lookups.vehicle.ownerMatches', op: 'eq', value: true },
        { id: 'exemptVehicle', fact: 'lookups.vehicle.exemptEligible', op: 'eq', value: true },
      ],
    },
    { kind: 'questions', id: 'delivery', questions: [{ id: 'markDelivery', kind: 'choice', onSlip: true, options: [{ id: 'electronic' }, { id: 'mail', withText: true }] }] },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['markDelivery'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 临时号牌申领: temporary plates for a new or transferred vehicle; staff review it. */
export const temporaryPlate: ServiceEntry = {
  id: 'temporaryPlate',
  family: 'vehicles',
  bring: ['idCard', 'purchaseInvoice', 'insurance', 'payment'],
  minutes: 5,
  devices: ['idCardReader', 'paymentTerminal', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    {
      kind: 'questions',
      id: 'vehicle',
      questions: [
        { id: 'plateReason', kind: 'choice', onSlip: true, options: [{ id: 'newPurchase' }, { id: 'transfer' }, { id: 'inspection' }] },
        { id: 'vin', kind: 'text', maxLength: 17 },
        { id: 'vehicleKind', kind: 'choice', options: [{ id: 'smallCar' }, { id: 'largeCar' }, { id: 'motorcycle' }] },
        { id: 'phone', kind: 'phone' },
      ],
    },
    { kind: 'review', id: 'review', workingDays: 1 },
    { kind: 'check', id: 'check' },
    // Temporary plates cost 5 yuan each, two to a vehicle.
    { kind: 'pay', id: 'fee', amount: { fixedFen: 1000 } },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['plateReason'], bring: ['purchaseInvoice', 'insurance'] },
    { kind: 'rating', id: 'rating' },
  ],
};

/** 驾驶人安全驾驶信息记录证明: a driver's record certificate, printed on A4 with a verification code. */
export const drivingRecord: ServiceEntry = {
  id: 'drivingRecord',
  family: 'vehicles',
  bring: ['idCard'],
  minutes: 3,
  devices: ['idCardReader', 'documentPrinter', 'receiptPrinter'],
  steps: [
    { kind: 'identify', id: 'identify', methods: ['idCard'] },
    { kind: 'lookup', id: 'record', lookup: 'drivingRecord', params: { idNumber: 'identity.idNumber' } },
    { kind: 'questions', id: 'details', questions: [{ id: 'recordPurpose', kind: 'choice', onSlip: true, options: [{ id: 'job' }, { id: 'insurance' }, { id: 'other', withText: true }] }] },
    { kind: 'check', id: 'check' },
    { kind: 'submit', id: 'submit' },
    { kind: 'print', id: 'certificate', output: 'a4', document: 'drivingRecord' },
    { kind: 'print', id: 'slip', output: 'slip', answers: ['recordPurpose'] },
    { kind: 'rating', id: 'rating' },
  ],
};
