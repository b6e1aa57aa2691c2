import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { CommandResponse, KioskApi } from '../../../shared/contract';
import { Button } from '../components/Button';

type Report = CommandResponse<'staff:report'>;

/**
 * A bar chart drawn as SVG, with its numbers said in words for screen readers: columns for a
 * run of hours or days, rows for named categories (their names are too long to stand under a column).
 */
function Bars({ title, values, labels, testId, layout = 'columns' }: { title: string; values: number[]; labels: (i: number) => string | null; testId: string; layout?: 'columns' | 'rows' }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...values);
  const width = 960;
  const gap = 4;
  // Columns: 200 high with their labels below. Rows: 40 high, the name in the first 400, the count after the bar.
  const column = (width - gap * values.length) / values.length;
  const row = { height: 40, name: 400, bar: width - 400 - 80 };
  const viewHeight = layout === 'columns' ? 200 + 28 : values.length * (row.height + gap);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${viewHeight}`} role="img" aria-label={t('staff.report.chartLabel', { title, max: Math.max(...values, 0) })} data-testid={testId} data-values={values.join(',')}>
        {values.map((v, i) => {
          const label = labels(i);
          if (layout === 'rows') {
            const y = i * (row.height + gap);
            const w = (v / max) * row.bar;
            return (
              <g key={i}>
                {label ? (
                  <text x={0} y={y + 28} className="chart-label">
                    {label}
                  </text>
                ) : null}
                <rect x={row.name} y={y} width={w} height={row.height} className="chart-bar" />
                <text x={row.name + w + 8} y={y + 28} className="chart-label">
                  {v}
                </text>
              </g>
            );
          }
          const h = (v / max) * 200;
          return (
            <g key={i}>
              <rect x={i * (column + gap)} y={200 - h} width={column} height={h} className="chart-bar" />
              {label ? (
                <text x={i * (column + gap) + column / 2} y={200 + 22} textAnchor="middle" className="chart-label">
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
          <Bars
            title={t('staff.report.byReason')}
            values={report.ratings.byReason.map((r) => r.count)}
            labels={(i) => t(`rating.reason.${report.ratings.byReason[i]!.reason}`)}
            testId="staff-chart-reasons"
            layout="rows"
          />
          <table className="report-table" data-testid="staff-report-reasons">
            <tbody>
              {report.ratings.byReason.map((r) => (
                <tr key={r.reason} data-testid={`staff-reason-${r.reason}`}>
                  <th scope="row">{t(`rating.reason.${r.reason}`)}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
              <tr data-testid="staff-reason-none">
                <th scope="row">{t('staff.report.noReason')}</th>
                <td>{report.ratings.withoutReason}</td>
              </tr>
            </tbody>
          </table>
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
