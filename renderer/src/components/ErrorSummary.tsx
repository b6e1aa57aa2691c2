import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The GOV.UK error summary: what is wrong, linked to the field that needs fixing. */
export function ErrorSummary({ message, fieldId }: { message: string; fieldId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2>{t('question.errorSummary')}</h2>
      <a href={`#${fieldId}`} onClick={(e) => { e.preventDefault(); document.getElementById(fieldId)?.focus(); }}>
        {message}
      </a>
    </div>
  );
}
