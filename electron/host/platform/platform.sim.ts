import { randomInt } from 'node:crypto';
import type { LookupData, LookupKind } from '../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../shared/steps/step-error';
import { simCardPhoto, type SimFace } from '../hardware/sim-card-photos';
import type { CodeHolder, Platform } from './platform';

/**
 * The simulator's platform: a fictional data set for the sample residents (see
 * ../hardware/sim-residents.ts), their vehicles and their permits, with faults on cue. The
 * one-time code it "sends" is shown in the simulator panel (`lastCode`), as the phone would.
 */
export class SimPlatform implements Platform {
  readonly kind = 'sim';
  private offline = false;
  private nextFailure: 'unavailable' | 'notFound' | undefined;
  private codes = new Map<string, string>();
  /** The last code sent, for the simulator panel and tests. */
  lastCode: string | null = null;

  /** Faults: offline until online, or the next call fails as unavailable / not found. */
  setFault(fault: 'offline' | 'online' | 'unavailableNext' | 'notFoundNext'): void {
    if (fault === 'offline' || fault === 'online') this.offline = fault === 'offline';
    else this.nextFailure = fault === 'unavailableNext' ? 'unavailable' : 'notFound';
  }

  async lookup(kind: LookupKind, params: Record<string, string>): Promise<LookupData> {
    this.fault();
    const found = FICTIONAL[kind](params);
    if (found === undefined) throw new StepError('notFound', `The simulated platform has no ${kind} for that.`);
    return { kind, data: found } as LookupData;
  }

  async sendCode(idNumber: string): Promise<{ phoneMasked: string }> {
    try {
      this.fault();
    } catch {
      throw new StepError('platformUnavailable', 'The simulated platform is offline.');
    }
    const holder = HOLDERS[idNumber];
    if (!holder) throw new StepError('notFound', 'The simulated platform has no phone for that number.');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.codes.set(idNumber, code);
    this.lastCode = code;
    return { phoneMasked: holder.phoneMasked };
  }

  async verifyCode(idNumber: string, code: string): Promise<CodeHolder> {
    if (this.offline) throw new StepError('platformUnavailable', 'The simulated platform is offline.');
    const holder = HOLDERS[idNumber];
    if (!holder) throw new StepError('notFound', 'No such person.');
    if (this.codes.get(idNumber) !== code) throw new StepError('wrongCode', 'Not the code that was sent.');
    this.codes.delete(idNumber);
    return holder.holder;
  }

  async referencePhoto(document: { type: string; number: string }): Promise<Uint8Array | null> {
    if (this.offline) throw new StepError('platformUnavailable', 'The simulated platform is offline.');
    const face = PHOTOS_ON_FILE[document.number];
    return face ? simCardPhoto(face) : null;
  }

  private fault(): void {
    if (this.offline) throw new StepError('offline', 'The simulated platform is offline.');
    const failure = this.nextFailure;
    this.nextFailure = undefined;
    if (failure) throw new StepError(failure, `Simulated platform fault: ${failure}.`);
  }
}

const ZHANG = '110105198003150012';
const LI = '310115195507220025';
const LIU = '51010719680203004X';
const AILI = '650102199909300057';
const WANG = '440306199211080037';
const CHEN_CHILD = '110105201906010023';

const HOLDERS: Record<string, { phoneMasked: string; holder: CodeHolder }> = {
  [ZHANG]: { phoneMasked: '139****0012', holder: { name: '张伟明', sex: 'M', birthDate: '1980-03-15' } },
  [LI]: { phoneMasked: '138****0025', holder: { name: '李秀兰', sex: 'F', birthDate: '1955-07-22' } },
  [WANG]: { phoneMasked: '137****0037', holder: { name: '王小龙', sex: 'M', birthDate: '1992-11-08' } },
  [CHEN_CHILD]: { phoneMasked: '139****0012', holder: { name: '陈小雨', sex: 'F', birthDate: '2019-06-01' } },
};

// Dates are relative to today, so the data set stays true whatever day the simulator runs.
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const FICTIONAL: { [K in LookupKind]: (p: Record<string, string>) => Extract<LookupData, { kind: K }>['data'] | undefined } = {
  fines: ({ plate }) => {
    if (plate === '京A12345') {
      return {
        plate,
        items: [
          { id: 'V2026001', amountFen: 20_000, date: inDays(-40), place: '朝阳区东三环中路', offence: '1039', points: 3, payable: true },
          { id: 'V2026002', amountFen: 10_000, date: inDays(-12), place: '朝阳区建国路', offence: '1344', points: 0, payable: true },
          // Six points: dealt with at a counter, not at a kiosk.
          { id: 'V2026003', amountFen: 20_000, date: inDays(-5), place: '东城区长安街', offence: '1625', points: 6, payable: false },
        ],
      };
    }
    return plate === '京B67890' || plate === '沪A54321' ? { plate, items: [] } : undefined;
  },
  endorsements: ({ permitNumber }) => {
    if (permitNumber === 'C12345678') return { eligible: true, refusal: null, allowed: ['individual', 'group'], remainingIndividual: 2, permitValidTo: '2031-06-15' };
    if (permitNumber === 'T12345678') return { eligible: true, refusal: null, allowed: ['group', 'family'], remainingIndividual: null, permitValidTo: '2030-09-20' };
    // Eligible as far as the platform knows; it runs out in 45 days, which the kiosk's own rule catches.
    if (permitNumber === 'C24681357') return { eligible: true, refusal: null, allowed: ['individual', 'group'], remainingIndividual: 1, permitValidTo: inDays(45) };
    // Individual visits used up this year; group tours still allowed.
    if (permitNumber === 'C55667788') return { eligible: true, refusal: null, allowed: ['individual', 'group'], remainingIndividual: 0, permitValidTo: '2030-01-01' };
    // Zhao's: eligible, and no photo on file (PHOTOS_ON_FILE): the face check cannot be done here.
    if (permitNumber === 'C13572468') return { eligible: true, refusal: null, allowed: ['individual', 'group'], remainingIndividual: 2, permitValidTo: '2032-03-01' };
    if (permitNumber === 'C87654321') return { eligible: false, refusal: 'permitExpiresTooSoon', allowed: [], remainingIndividual: 0, permitValidTo: '2029-01-01' };
    return undefined;
  },
  licence: ({ idNumber }) => {
    if (idNumber === ZHANG) return { licenceClass: 'C1', validTo: inDays(30), points: 0, status: 'valid', renewable: true };
    if (idNumber === LI) return { licenceClass: 'C1', validTo: inDays(-20), points: 0, status: 'expired', renewable: true };
    if (idNumber === LIU) return { licenceClass: 'C2', validTo: inDays(2000), points: 2, status: 'valid', renewable: false };
    if (idNumber === AILI) return { licenceClass: 'C1', validTo: inDays(400), points: 12, status: 'suspended', renewable: false };
    return undefined;
  },
  household: ({ idNumber }) => {
    if (idNumber === ZHANG) return { householdNumber: '110105012345', address: '北京市朝阳区示例路1号院2号楼301室', relation: 'head', registeredSince: '2008-05-20' };
    if (idNumber === LI) return { householdNumber: '310115067890', address: '上海市浦东新区虚构街88弄3号', relation: 'spouse', registeredSince: '1985-09-01' };
    return undefined;
  },
  vehicle: ({ plate, idNumber }) => {
    if (plate === '京A12345') return { plate, vehicleType: 'smallCar', registeredOn: inDays(-3 * 365), inspectionDue: inDays(60), ownerMatches: idNumber === ZHANG, exemptEligible: true, refusal: null };
    if (plate === '京B67890') return { plate, vehicleType: 'smallCar', registeredOn: inDays(-9 * 365), inspectionDue: inDays(30), ownerMatches: idNumber === ZHANG, exemptEligible: false, refusal: 'tooOld' };
    return undefined;
  },
  applications: ({ idNumber }) => {
    if (idNumber === ZHANG) {
      return { items: [{ id: 'EX2026-0042', kind: 'passport', state: 'processing', updatedOn: inDays(-3) }], endorsementsRemaining: 2 };
    }
    return idNumber ? { items: [], endorsementsRemaining: null } : undefined;
  },
  drivingRecord: ({ idNumber }) => {
    if (idNumber === ZHANG) return { licenceClass: 'C1', firstIssued: '2005-06-01', points: 3, violations: 2, accidents: 0, periodFrom: inDays(-365), periodTo: inDays(0) };
    return undefined;
  },
  residencePermit: ({ idNumber }) => {
    if (idNumber === AILI) return { hasPermit: true, validTo: inDays(600), endorsedUntil: inDays(10), endorsementDue: true, residentSince: '2021-09-01' };
    // A permit endorsed recently: the next endorsement is not due yet.
    if (idNumber === LI) return { hasPermit: true, validTo: inDays(900), endorsedUntil: inDays(300), endorsementDue: false, residentSince: '2019-04-01' };
    if (idNumber === ZHANG || idNumber === LIU) return { hasPermit: false, validTo: null, endorsedUntil: null, endorsementDue: false, residentSince: inDays(-400) };
    return undefined;
  },
};

/**
 * The photos on file for the face check, by document number (an ID number, a permit number):
 * Zhang's ID number and every sample permit but Zhao's (the face step's alternative), all the
 * portrait the tests' fake camera shows, so that the refusals after the face check can be reached.
 */
const PHOTOS_ON_FILE: Record<string, SimFace> = {
  '110105198003150012': 'collins',
  C12345678: 'collins',
  T12345678: 'collins',
  C87654321: 'collins',
  C24681357: 'collins',
  C55667788: 'collins',
};
