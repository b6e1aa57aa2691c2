import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Devices } from '../../../shared/contract';

/** True while the permit printer has no permit in its slot: an endorsement waits for one there. */
export function waitsForPermit(devices: Devices | null | undefined): boolean {
  return devices?.permitPrinter.media !== 'present';
}

/**
 * Where to put the permit while the permit printer waits for it: the slot drawn, then what to
 * do, as a status that screen readers say. `heading` says who puts it in; the how is the same
 * for everyone. The paragraph's other props (test ids, data attributes) are passed on.
 */
export function PermitInsert({ heading, ...status }: { heading: string } & ComponentProps<'p'>) {
  const { t } = useTranslation();
  return (
    <>
      <div className="card-graphic card-graphic-slot" aria-hidden="true" />
      <p className="lead" role="status" data-phase="insert" {...status}>
        <strong>{heading}</strong> {t('printing.permitEndorsement.insertBody')}
      </p>
    </>
  );
}
