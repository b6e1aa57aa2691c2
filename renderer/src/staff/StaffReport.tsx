import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { CommandResponse, KioskApi } from '../../../shared/contract';
import { Button } from '../components/Button';

type Report = CommandResponse<'staff:report'>;

/** A bar chart drawn as SVG, with its numbers said in words for screen readers. */
function Bars({ title, values, labels, testId }: { title: string; values: number[]; labels: (i: number) => string | null; testId: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...values);
  const width = 960;
  const height = 200;
  const gap = 4;
  const bar = (width - gap * values.length) / values.length;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 28}`} role="img" aria-label={t('staff.report.chartLabel', { title, max: Math.max(...values, 0) })} data-testid={testId} data-values={values.join(',')}>
        {values.map((v, i) => {
          const h = (v / max) * height;
          const label = labels(i);
          return (
            <g key={i}>
              <rect x={i * (bar + gap)} y={height - h} width={bar} height={h} className="chart-bar" />
              {label ? (
                <text x={i * (bar + gap) + bar / 2} y={height + 22} textAnchor="middle" className="chart-label">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Today's and the last 30 days' numbers, the ratings, and the day's summary on the receipt printer. */
export function StaffReport({ client }: { client: KioskApi }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    void client.invoke('staff:report', {}).then((r) => r.ok && setReport(r.value));
  }, [client]);
  if (!report) return null;
  const title = (id: string) => (findService(id) ? t(`services.${id}.title`) : id);
  const total = report.byServiceToday.reduce((a, s) => a + s.count, 0);
  return (
    <section aria-labelledby="staff-report" data-testid="staff-report">
      <h2 id="staff-report">{t('staff.report.heading')}</h2>
      <h3>{t('staff.report.todayHeading', { day: report.today })}</h3>
      {report.byServiceToday.length === 0 ? (
        <p>{t('staff.report.none')}</p>
      ) : (
        <table className="report-table" data-testid="staff-report-today">
          <tbody>
            {report.byServiceToday.map((s) => (
              <tr key={s.serviceId}>
                <th scope="row">{title(s.serviceId)}</th>
                <td>{s.count}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('staff.report.total')}</th>
              <td>{total}</td>
            </tr>
          </tbody>
        </table>
      )}
      <Bars title={t('staff.report.byHour')} values={report.byHourToday} labels={(i) => (i % 3 === 0 ? String(i) : null)} testId="staff-chart-hours" />
      <Bars title={t('staff.report.byDay')} values={report.byDay.map((d) => d.count)} labels={(i) => (i % 5 === 4 ? report.byDay[i]!.day.slice(5) : null)} testId="staff-chart-days" />
      <h3>{t('staff.report.last30')}</h3>
      {report.byService30.length === 0 ? (
        <p>{t('staff.report.none')}</p>
      ) : (
        <table className="report-table" data-testid="staff-report-30">
          <tbody>
            {report.byService30.map((s) => (
              <tr key={s.serviceId}>
                <th scope="row">{title(s.serviceId)}</th>
                <td>{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('staff.report.ratingsHeading')}</h3>
      {report.ratings.average === null ? (
        <p>{t('staff.report.noRatings')}</p>
      ) : (
        <>
          <p data-testid="staff-ratings">{t('staff.report.ratingsSummary', { average: report.ratings.average, count: report.ratings.count })}</p>
          <ul className="bullets">
            {report.ratings.byLevel.map((n, i) => (
              <li key={i}>{t('staff.report.level', { level: i + 1, count: n })}</li>
            ))}
          </ul>
        </>
      )}
      {note ? (
        <p role="status" data-testid="staff-report-note">
          {note}
        </p>
      ) : null}
      <div className="actions">
        <Button
          variant="secondary"
          onClick={() => void client.invoke('staff:printSummary', {}).then((r) => r.ok && setNote(t('staff.report.printed', { result: t(`staff.health.result.${r.value.result}`) })))}
          data-testid="staff-print-summary"
        >
          {t('staff.report.print')}
        </Button>
      </div>
    </section>
  );
}
