import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/contract';
import type { LookupDataOf, LookupKind } from '../../../shared/steps/lookup/lookup-kinds';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { formatDay } from '../format';
import { FineDetails, useOffence } from '../questions/PickControl';
import type { ScreenProps } from './screen-props';

type Row = readonly [label: string, value: string];

interface Shown {
  heading: string;
  rows: Row[];
  /** A list under the facts (the fines, the applications), or a line that says there are none. */
  list?: ReactNode;
}

interface Fmt {
  t: TFunction;
  lang: Lang;
  day: (d: string | null) => string;
  yesNo: (b: boolean) => string;
  /** A platform code in words, or the code itself when the kiosk has no text for it. */
  code: (prefix: string, code: string) => string;
  offence: (code: string) => string;
}

const SHOWN: { [K in LookupKind]: (data: LookupDataOf<K>, f: Fmt) => Shown } = {
  fines: (d, { t, lang, offence }) => ({
    heading: t('lookupShown.fines.heading', { plate: d.plate }),
    rows: [],
    list:
      d.items.length === 0 ? (
        <p className="lead">{t('lookupShown.fines.none')}</p>
      ) : (
        <ul className="pick-counter" data-testid="shown-items" data-personal>
          {d.items.map((i) => (
            <li key={i.id}>
              <span className="pick-title">{offence(i.offence)}</span>
              <FineDetails item={i} lang={lang} />
              <span>{i.payable ? t('lookupShown.fines.payable') : t('lookupShown.fines.counter')}</span>
            </li>
          ))}
        </ul>
      ),
  }),
  endorsements: (d, { t, day, yesNo, code }) => ({
    heading: t('lookupShown.endorsements.heading'),
    rows: [
      [t('lookupShown.endorsements.eligible'), yesNo(d.eligible)],
      ...(d.refusal ? [[t('lookupShown.endorsements.refusal'), code('lookupShown.refusals', d.refusal)] as const] : []),
      [t('lookupShown.endorsements.allowed'), d.allowed.length ? d.allowed.map((a) => t(`lookupShown.endorsements.types.${a}`)).join(t('lookupShown.listSeparator')) : t('lookupShown.none')],
      [t('lookupShown.endorsements.remainingIndividual'), d.remainingIndividual === null ? t('lookupShown.notApplicable') : String(d.remainingIndividual)],
      [t('lookupShown.endorsements.permitValidTo'), day(d.permitValidTo)],
    ],
  }),
  licence: (d, { t, day, yesNo }) => ({
    heading: t('lookupShown.licence.heading'),
    rows: [
      [t('document.licenceClass'), d.licenceClass],
      [t('lookupShown.licence.status'), t(`lookupShown.licence.statuses.${d.status}`)],
      [t('lookupShown.validTo'), day(d.validTo)],
      [t('document.points'), String(d.points)],
      [t('lookupShown.licence.renewable'), yesNo(d.renewable)],
    ],
  }),
  household: (d, { t, day, code }) => ({
    heading: t('lookupShown.household.heading'),
    rows: [
      [t('document.householdNumber'), d.householdNumber],
      [t('document.address'), d.address],
      [t('document.relation'), code('document.relations', d.relation)],
      [t('document.registeredSince'), day(d.registeredSince)],
    ],
  }),
  vehicle: (d, { t, day, yesNo, code }) => ({
    heading: t('lookupShown.vehicle.heading', { plate: d.plate }),
    rows: [
      [t('lookupShown.vehicle.vehicleType'), code('lookupShown.vehicle.types', d.vehicleType)],
      [t('lookupShown.vehicle.registeredOn'), day(d.registeredOn)],
      [t('lookupShown.vehicle.inspectionDue'), day(d.inspectionDue)],
      [t('lookupShown.vehicle.ownerMatches'), yesNo(d.ownerMatches)],
      [t('lookupShown.vehicle.exemptEligible'), yesNo(d.exemptEligible)],
      ...(d.refusal ? [[t('lookupShown.vehicle.refusal'), code('lookupShown.refusals', d.refusal)] as const] : []),
    ],
  }),
  applications: (d, { t, day, code }) => ({
    heading: t('lookupShown.applications.heading'),
    rows: [[t('lookupShown.applications.endorsementsRemaining'), d.endorsementsRemaining === null ? t('lookupShown.notApplicable') : String(d.endorsementsRemaining)]],
    list:
      d.items.length === 0 ? (
        <p className="lead">{t('lookupShown.applications.none')}</p>
      ) : (
        <ul className="pick-counter" data-testid="shown-items" data-personal>
          {d.items.map((a) => (
            <li key={a.id}>
              <span className="pick-title">{code('lookupShown.applications.kinds', a.kind)}</span>
              <span className="pick-details">
                <span>{t(`lookupShown.applications.states.${a.state}`)}</span>
                <span>{t('lookupShown.applications.updatedOn', { date: day(a.updatedOn) })}</span>
              </span>
            </li>
          ))}
        </ul>
      ),
  }),
  drivingRecord: (d, { t, day }) => ({
    heading: t('lookupShown.drivingRecord.heading'),
    rows: [
      [t('document.licenceClass'), d.licenceClass],
      [t('document.firstIssued'), day(d.firstIssued)],
      [t('document.period'), t('lookupShown.period', { from: day(d.periodFrom), to: day(d.periodTo) })],
      [t('document.points'), String(d.points)],
      [t('document.violations'), String(d.violations)],
      [t('document.accidents'), String(d.accidents)],
    ],
  }),
  residencePermit: (d, { t, day, yesNo }) => ({
    heading: t('lookupShown.residencePermit.heading'),
    rows: [
      [t('lookupShown.residencePermit.hasPermit'), yesNo(d.hasPermit)],
      [t('lookupShown.validTo'), day(d.validTo)],
      [t('lookupShown.residencePermit.endorsedUntil'), day(d.endorsedUntil)],
      [t('lookupShown.residencePermit.endorsementDue'), yesNo(d.endorsementDue)],
      [t('lookupShown.residencePermit.residentSince'), day(d.residentSince)],
    ],
  }),
};

/** What the platform said, for a status query: plain facts, then Continue. */
export function LookupShown({ screen, view, send }: ScreenProps<'lookupShown'>) {
  const { t } = useTranslation();
  const offence = useOffence();
  const fmt: Fmt = {
    t,
    lang: view.lang,
    day: (d) => (d ? formatDay(d, view.lang) : t('lookupShown.none')),
    yesNo: (b) => (b ? t('lookupShown.yes') : t('lookupShown.no')),
    code: (prefix, c) => t(`${prefix}.${c}`, { defaultValue: c }),
    offence,
  };
  const { found } = screen;
  // The table ties each kind to its data; TypeScript cannot follow the kind through the lookup.
  const shown = (SHOWN[found.kind] as (data: typeof found.data, f: Fmt) => Shown)(found.data, fmt);
  return (
    <Page heading={shown.heading} screenKey={`lookupShown-${screen.stepId}`} testId="lookupShown">
      <p className="lead">{t('lookupShown.intro')}</p>
      {shown.rows.length > 0 ? (
        <dl className="summary" data-testid="shown-facts" data-kind={found.kind}>
          {shown.rows.map(([label, value]) => (
            <div className="summary-row" key={label}>
              <dt>{label}</dt>
              <dd data-personal>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {shown.list}
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'CONTINUE' })} data-testid="continue">
          {t('actions.continue')}
        </Button>
      </Actions>
    </Page>
  );
}
