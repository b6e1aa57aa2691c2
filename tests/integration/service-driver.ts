/**
 * Drives any catalog service through the host as a resident would: whatever each view asks
 * for, answered from a script per service.
 */
import type { AnswerValue } from '../../shared/catalog/questions';
import type { FlowView, ScreenName } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { call, getView, send, waitForView } from './helpers';
import { drawPortrait, toJpeg } from '../fixtures/fake-camera';
import { swayingBurst } from '../fixtures/faces/bursts';

type Identify = { card: string } | { document: string } | { idNumber: string };

export interface Script {
  identify: Identify;
  answers: Record<string, AnswerValue>;
  /** Pays when asked. */
  pays?: boolean;
}

const PORTRAIT = Buffer.from(toJpeg(drawPortrait({ width: 1280, height: 720 }))).toString('base64');
// The face check's camera: the sample residents who have a photo (on the card or on file) all
// carry the portrait the fake camera shows (electron/host/hardware/sim-card-photos.ts).
const HOLDER_BURST = swayingBurst('collins');

export const SCRIPTS: Record<string, Script> = {
  noCriminalRecord: { identify: { card: 'zhang' }, answers: { purpose: { choice: 'job' }, destination: { text: '加拿大' }, phone: { text: '13900000000' }, delivery: { choice: 'collect' } } },
  idCardRenewal: { identify: { card: 'wang-expired' }, answers: { renewalReason: { choice: 'expired' }, phone: { text: '13900000000' }, collection: { choice: 'collect' } }, pays: true },
  householdCertificate: { identify: { card: 'zhang' }, answers: { certificatePurpose: { choice: 'school' } } },
  idCardLossReplacement: {
    identify: { idNumber: '110105198003150012' },
    answers: { lossKind: { choice: 'lost' }, lossDate: { text: '2026-01-15' }, lossPlace: { text: '地铁1号线' }, phone: { text: '13900000000' }, collection: { choice: 'collect' } },
    pays: true,
  },
  temporaryIdCard: { identify: { idNumber: '440306199211080037' }, answers: { temporaryReason: { choice: 'travel' }, phone: { text: '13700000000' } }, pays: true },
  residencePermitApplication: {
    identify: { card: 'zhang' },
    answers: { localAddress: { text: '北京市海淀区示例路2号' }, livingSince: { text: '2024-03-01' }, residenceBasis: { choice: 'employment' }, employer: { text: '示例科技有限公司' }, phone: { text: '13900000000' } },
  },
  residencePermitEndorsement: { identify: { card: 'aili' }, answers: { sameAddress: { choice: 'yes' }, phone: { text: '13800000000' } } },
  contactChange: { identify: { card: 'li' }, answers: { changeWhat: { choice: 'phone' }, newPhone: { text: '13800000001' } } },
  birthRegistration: {
    identify: { card: 'liu' },
    answers: {
      parentRole: { choice: 'mother' },
      childName: { text: '刘小花' },
      childSex: { choice: 'F' },
      childBirthDate: { text: '2026-10-01' },
      birthPlace: { text: '成都市妇幼保健院' },
      otherParentName: { text: '赵示例' },
      phone: { text: '13600000000' },
    },
  },
  hkMacaoEndorsement: { identify: { document: 'zhang-hk' }, answers: { hkMacaoDestination: { choice: 'HKG' }, visitType: { choice: 'individual' }, validity: { choice: '3' }, entries: { choice: '2' } }, pays: true },
  taiwanEndorsement: { identify: { document: 'zhang-tw' }, answers: { taiwanVisitType: { choice: 'family' }, validity: { choice: '3' }, entries: { choice: '1' } }, pays: true },
  travelDocumentPreAcceptance: {
    identify: { card: 'zhang' },
    answers: { travelDocument: { choice: 'passport' }, applicationReason: { choice: 'first' }, travelCountry: { choice: 'JP' }, phone: { text: '13900000000' } },
  },
  entryExitStatus: { identify: { card: 'zhang' }, answers: {} },
  trafficFines: { identify: { card: 'zhang' }, answers: { plate: { text: '京A·12345' }, finesChosen: { picks: ['V2026001', 'V2026002'] } }, pays: true },
  licenceRenewal: { identify: { card: 'zhang' }, answers: { healthDeclaration: { choice: 'none' }, phone: { text: '13900000000' }, licenceCollection: { choice: 'collect' } }, pays: true },
  inspectionExemptMark: { identify: { card: 'zhang' }, answers: { plate: { text: '京A12345' }, markDelivery: { choice: 'electronic' } } },
  temporaryPlate: {
    identify: { card: 'zhang' },
    answers: { plateReason: { choice: 'newPurchase' }, vin: { text: 'LSVAU2180N2183294' }, vehicleKind: { choice: 'smallCar' }, phone: { text: '13900000000' } },
    pays: true,
  },
  drivingRecord: { identify: { card: 'zhang' }, answers: { recordPurpose: { choice: 'job' } } },
};

/**
 * Answers whatever the current screen asks, until the session is back on the welcome screen.
 * `before` runs once before the first screen of each name it lists (a fault injected mid-flow).
 */
export async function drive(host: Host, serviceId: string, script: Script, before: Partial<Record<ScreenName, () => Promise<unknown>>> = {}): Promise<FlowView[]> {
  const seen: FlowView[] = [];
  const done = new Set<ScreenName>();
  let view = await send(host, { type: 'SELECT_SERVICE', serviceId });
  for (let turns = 0; turns < 60; turns++) {
    seen.push(view);
    const screen = view.screen;
    const hook = before[screen.name];
    if (hook && !done.has(screen.name)) {
      done.add(screen.name);
      await hook();
    }
    switch (screen.name) {
      case 'welcome':
        return seen;
      case 'start':
      case 'reviewNotice':
      case 'lookupShown':
        view = await send(host, { type: 'CONTINUE' });
        break;
      case 'identify': {
        const how = script.identify;
        if (screen.phase === 'failed') throw new Error(`identify failed: ${screen.error}`);
        if (screen.phase === 'otpNumber' && 'idNumber' in how) view = await send(host, { type: 'OTP_ID_NUMBER', idNumber: how.idNumber });
        else if (screen.phase === 'otpCode') view = await send(host, { type: 'OTP_CODE', code: (await call(host, 'sim:status', {})).lastCode ?? '' });
        else if ('card' in how) {
          await call(host, 'sim:presentCard', { residentId: how.card });
          view = await waitForView(host, (v) => v.screen.name !== 'identify' || v.screen.phase === 'failed', 'the card to be read');
        } else if ('document' in how) {
          await call(host, 'sim:presentDocument', { documentId: how.document });
          view = await waitForView(host, (v) => v.screen.name !== 'identify' || v.screen.phase === 'failed', 'the document to be read');
        } else view = await waitForView(host, (v) => v.screen.name !== 'identify' || v.screen.phase !== 'present', 'a code screen');
        break;
      }
      case 'lookingUp':
      case 'submitting':
      case 'printing':
        // "Print later": the resident goes on, and prints it by reference another time.
        if (screen.name === 'printing' && screen.status === 'later') {
          view = await send(host, { type: 'CONTINUE' });
          break;
        }
        if (screen.name === 'printing' && screen.output === 'permitEndorsement' && screen.status === 'printing') await call(host, 'sim:insertPermit', {});
        view = await waitForView(host, (v) => v.seq > view.seq, `the ${screen.name} screen to move on`);
        break;
      case 'question': {
        const answer = script.answers[screen.question.id];
        if (!answer) throw new Error(`no scripted answer to ${screen.question.id}`);
        view = await send(host, { type: 'ANSWER', questionId: screen.question.id, value: answer });
        if (view.screen.name === 'question' && view.screen.question.id === screen.question.id) throw new Error(`answer to ${screen.question.id} refused: ${view.screen.error}`);
        break;
      }
      case 'faceVerify': {
        if (screen.phase === 'preparing') {
          view = await waitForView(host, (v) => v.screen.name !== 'faceVerify' || v.screen.phase !== 'preparing', 'the photo to compare with', 30_000);
          break;
        }
        if (screen.phase === 'noReference') {
          view = await send(host, { type: 'CONTINUE' });
          break;
        }
        if (screen.phase === 'counter') throw new Error(`${serviceId}: the face check sent the resident to a counter`);
        await call(host, 'camera:report', { state: 'online' });
        const checked = await call(host, 'face:verify', { frames: HOLDER_BURST });
        if (checked.outcome !== 'matched') throw new Error(`${serviceId}: the face check answered ${checked.outcome}`);
        view = await getView(host);
        break;
      }
      case 'photo': {
        await call(host, 'camera:report', { state: 'online' });
        const checked = await call(host, 'photo:check', { jpegBase64: PORTRAIT });
        if (!checked.ok) throw new Error(`photo refused: ${checked.problems.join(',')}`);
        view = await send(host, { type: 'PHOTO_ACCEPT' });
        break;
      }
      case 'check':
        view = await send(host, { type: 'SUBMIT' });
        break;
      case 'payment':
        if (screen.qrText === null) {
          view = await waitForView(host, (v) => v.screen.name !== 'payment' || v.screen.qrText !== null, 'the QR code');
          break;
        }
        if (!script.pays) throw new Error('asked to pay an unpaid service');
        await call(host, 'sim:pay', { outcome: 'paid' });
        view = await waitForView(host, (v) => v.screen.name !== 'payment', 'the payment to be taken');
        break;
      case 'confirmation':
        if (screen.status === 'printing') view = await waitForView(host, (v) => v.screen.name !== 'confirmation' || v.screen.status !== 'printing', 'the slip');
        else view = await send(host, { type: 'FINISH' });
        break;
      case 'rating':
        view = await send(host, { type: 'RATE', level: 5, reason: 'fast' });
        break;
      default:
        throw new Error(`${serviceId} stopped on ${JSON.stringify(screen).slice(0, 300)}`);
    }
  }
  throw new Error(`${serviceId} did not end`);
}
