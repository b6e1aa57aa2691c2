import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The row of buttons at the foot of a screen; with `onBack`, the Back button comes last. */
export function Actions({ children, onBack }: { children?: ReactNode; onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      {children}
      {onBack ? (
        <Button variant="secondary" onClick={onBack} data-testid="back">
          {t('actions.back')}
        </Button>
      ) : null}
    </div>
  );
}
