import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';

/** "Do you need more time?" with a countdown to the privacy reset. */
export function IdleDialog({ resetAt, onMoreTime }: { resetAt: number; onMoreTime: () => void }) {
  const { t } = useTranslation();
  const left = () => Math.max(0, Math.ceil((resetAt - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(left()), 250);
    return () => clearInterval(timer);
  });
  return (
    <Dialog
      title={t('idle.heading')}
      testId="idle-dialog"
      actions={
        <Button onClick={onMoreTime} data-testid="more-time">
          {t('idle.moreTime')}
        </Button>
      }
    >
      <p className="lead" aria-live="polite" data-testid="idle-countdown">
        {t('idle.body', { count: seconds })}
      </p>
    </Dialog>
  );
}
