import type { ServiceEntry } from './catalog-schema';
import { entryExitStatus, hkMacaoEndorsement, taiwanEndorsement, travelDocumentPreAcceptance } from './services/entry-exit';
import {
  birthRegistration,
  contactChange,
  householdCertificate,
  idCardLossReplacement,
  idCardRenewal,
  noCriminalRecord,
  residencePermitApplication,
  residencePermitEndorsement,
  temporaryIdCard,
} from './services/household';
import { drivingRecord, inspectionExemptMark, licenceRenewal, temporaryPlate, trafficFines } from './services/vehicles';

/** Every service the kiosk offers, in the order of the welcome screen (grouped by family there). */
export const catalog: readonly ServiceEntry[] = [
  noCriminalRecord,
  idCardRenewal,
  householdCertificate,
  idCardLossReplacement,
  temporaryIdCard,
  residencePermitApplication,
  residencePermitEndorsement,
  contactChange,
  birthRegistration,
  hkMacaoEndorsement,
  taiwanEndorsement,
  travelDocumentPreAcceptance,
  entryExitStatus,
  trafficFines,
  licenceRenewal,
  inspectionExemptMark,
  temporaryPlate,
  drivingRecord,
];

/** The catalog entry with this id, if any. */
export function findService(id: string): ServiceEntry | undefined {
  return catalog.find((s) => s.id === id);
}

/** Whether a service takes a photo, asks a fee, or needs staff review: what its start page says. */
export function serviceTraits(entry: ServiceEntry): { photo: boolean; fee: boolean; review: boolean } {
  return {
    photo: entry.steps.some((s) => s.kind === 'photo'),
    fee: entry.steps.some((s) => s.kind === 'pay'),
    review: entry.steps.some((s) => s.kind === 'review'),
  };
}
