import { fromPromise } from 'xstate';
import { CardReadError } from '../../../shared/hardware/id-card-reader';
import type { MrzData } from '../../../shared/domain/mrz';
import type { Identity } from '../../../shared/flows/session';
import type { DocumentReader } from '../../../shared/hardware/document-reader';
import { isReady } from '../../../shared/hardware/types';
import { identityFromCard } from '../../../shared/steps/identify/identify.part';
import { StepError } from '../../../shared/steps/step-error';
import type { CodeHolder } from '../platform/platform';
import type { StepDeps } from './step-deps';

// A zone's YYMMDD: a birth in the future is last century; an expiry is this one, unless it
// would be more than 50 years away (no document is valid that long): then it ran out last century.
function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', now: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const thisYY = now.getFullYear() % 100;
  const century = (kind === 'expiry' ? yy > thisYY + 50 : yy > thisYY) ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** The holder of a travel document as its zone says (Chinese permits carry no name in the zone). */
export function identityFromZone(zone: MrzData, method: Identity['method'], now = new Date()): Identity {
  const birthDate = mrzDate(zone.birthDate, 'birth', now);
  if (!birthDate) throw new StepError('unreadable', 'The zone has no usable date of birth.');
  return {
    method,
    name: [zone.surname, zone.givenNames].filter(Boolean).join(' '),
    idNumber: null,
    sex: zone.sex === 'X' ? null : zone.sex,
    birthDate,
    document: { type: zone.documentCode === 'CS' ? 'CS' : zone.documentCode === 'CD' ? 'CD' : 'P', number: zone.documentNumber, validTo: mrzDate(zone.expiryDate, 'expiry', now) },
    card: null,
    phoneMasked: null,
  };
}

/** Who a one-time code proved the resident to be: the platform's record for that ID number. */
export function identityFromCode(idNumber: string, holder: CodeHolder, phoneMasked: string | null = null): Identity {
  return {
    method: 'idNumberOtp',
    name: holder.name,
    idNumber,
    sex: holder.sex,
    birthDate: holder.birthDate,
    document: { type: 'none', number: idNumber, validTo: null },
    card: null,
    phoneMasked,
  };
}

const METHOD_OF = { CS: 'hkMacaoPermit', CD: 'taiwanPermit', P: 'passport' } as const;

/** The next document put on the reader, if it is of the kind asked for. */
export function readDocument(reader: DocumentReader, code: 'CS' | 'CD' | 'P', signal: AbortSignal): Promise<Identity> {
  if (!isReady(reader.status())) return Promise.reject(new StepError('readerUnavailable', 'The document reader is not ready.'));
  return new Promise((resolve, reject) => {
    const stop = reader.onDocument((result) => {
      finish();
      if (!result.ok) return reject(new StepError('unreadable', 'The document could not be read.'));
      // A passport's code is P or P<letter>: what matters is that it is a passport.
      const got = result.value.documentCode.startsWith('P') ? 'P' : result.value.documentCode;
      if (got !== code) return reject(new StepError('wrongDocument', 'That is not the document this service needs.'));
      try {
        resolve(identityFromZone(result.value, METHOD_OF[code]));
      } catch (error) {
        reject(error instanceof Error ? error : new StepError('unreadable', 'The document could not be read.'));
      }
    });
    const onAbort = () => {
      finish();
      reject(new Error('Stopped waiting for a document.'));
    };
    function finish() {
      stop();
      signal.removeEventListener('abort', onAbort);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The identify step's side effects: the card reader, the MRZ reader, the platform's one-time codes. */
export function identifyHostActors(deps: StepDeps) {
  const { devices, platform, log } = deps;
  // The masked phone a code went to, by ID number, to carry into the identity.
  const sentTo = new Map<string, string>();
  return {
    readCard: fromPromise<Identity, { sessionId: string }>(async ({ input, signal }) => {
      try {
        const reader = devices.idCardReader;
        // With the photo where the reader can decode it: the face step compares the resident with it.
        const read = reader.readCardWithPhoto ? await reader.readCardWithPhoto(signal) : { card: await reader.readCard(signal) };
        const card = read.card;
        deps.faces?.setCardPhoto(input.sessionId, read.photo ?? null);
        deps.counters?.record('idCardReader', 'ok');
        return identityFromCard(card);
      } catch (error) {
        // A read the resident walked away from is no fault of the reader.
        if (!signal.aborted) deps.counters?.record('idCardReader', error instanceof CardReadError ? error.code : 'error');
        throw error;
      }
    }),
    readDocument: fromPromise<Identity, { code: 'CS' | 'CD' | 'P' }>(async ({ input, signal }) => readDocument(devices.documentReader, input.code, signal)),
    requestCode: fromPromise<{ phoneMasked: string }, { idNumber: string; sessionId: string }>(async ({ input, signal }) => {
      const sent = await platform.sendCode(input.idNumber, signal);
      sentTo.set(input.idNumber, sent.phoneMasked);
      log.info('identify.codeSent', {});
      return sent;
    }),
    verifyCode: fromPromise<Identity, { idNumber: string; code: string; sessionId: string }>(async ({ input, signal }) => {
      const holder = await platform.verifyCode(input.idNumber, input.code, signal);
      log.info('identify.codeVerified', {});
      const phone = sentTo.get(input.idNumber) ?? null;
      sentTo.delete(input.idNumber);
      return identityFromCode(input.idNumber, holder, phone);
    }),
  };
}
