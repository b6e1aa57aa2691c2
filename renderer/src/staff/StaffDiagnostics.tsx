import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsResult, DiagnosticsTarget, KioskApi } from '../../../shared/contract';
import { Button } from '../components/Button';
import { StatusNote } from '../components/StatusNote';

/** Megabytes with one decimal, in the screen's language. */
function megabytes(bytes: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1_000_000);
}

/** "Export diagnostics to USB": logs and device history, nothing personal, to the stick chosen. */
export function StaffDiagnostics({ client }: { client: KioskApi }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  const [choices, setChoices] = useState<DiagnosticsTarget[] | null>(null);
  const [busy, setBusy] = useState(false);

  const said = (r: DiagnosticsResult) =>
    r.result === 'written'
      ? t('staff.diagnostics.written', { drive: r.drive, file: r.file, size: megabytes(r.bytes, i18n.language) })
      : t(`staff.diagnostics.failure.${r.result}`);

  const write = async (drive: string) => {
    setChoices(null);
    setBusy(true);
    setNote(t('staff.diagnostics.writing'));
    const r = await client.invoke('staff:diagnostics', { drive });
    setBusy(false);
    setNote(r.ok ? said(r.value) : t('staff.diagnostics.failure.writeFailed'));
  };

  const start = async () => {
    setNote(null);
    const r = await client.invoke('staff:diagnosticsTargets', {});
    if (!r.ok) {
      setNote(t('staff.diagnostics.failure.writeFailed'));
      return;
    }
    const [only, ...more] = r.value;
    if (!only) setNote(t('staff.diagnostics.failure.noDrive'));
    else if (more.length === 0) await write(only.id);
    else setChoices(r.value);
  };

  return (
    <div className="diagnostics" data-testid="staff-diagnostics">
      <div className="actions">
        <Button variant="secondary" disabled={busy} onClick={() => void start()} data-testid="staff-diagnostics-export">
          {t('staff.diagnostics.export')}
        </Button>
      </div>
      {choices ? (
        <fieldset>
          <legend>{t('staff.diagnostics.choose')}</legend>
          <div className="actions">
            {choices.map((d) => (
              <Button key={d.id} variant="secondary" onClick={() => void write(d.id)} data-testid="staff-diagnostics-drive">
                {t('staff.diagnostics.drive', { label: d.label, free: megabytes(d.freeBytes, i18n.language) })}
              </Button>
            ))}
            <Button variant="secondary" onClick={() => setChoices(null)} data-testid="staff-diagnostics-cancel">
              {t('staff.diagnostics.cancel')}
            </Button>
          </div>
        </fieldset>
      ) : null}
      <StatusNote text={note} testId="staff-diagnostics-note" />
    </div>
  );
}
