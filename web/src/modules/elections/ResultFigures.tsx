import { useTranslation } from 'react-i18next';
import type { ResultSheet } from '../../../../contracts/elections/elections.ts';

/**
 * The figures of a count as the regulation lists them, and every candidate's votes, as a plain
 * table: light (no antd), for the member's bulletin and the console alike.
 */
export function ResultFigures({ r, light = false }: { r: ResultSheet; light?: boolean }) {
  const { t } = useTranslation();
  const appraisal = r.kind === 'appraisal';
  const rows: [string, string | number][] = [
    [t('elections.result.entitled'), r.entitled],
    [t('elections.result.present'), r.present],
    [t('elections.result.meeting'), r.meetingValid ? '✓' : t('elections.result.meetingNo')],
    [t('elections.result.issued'), r.issued],
    [t('elections.result.returned'), r.returned],
    [t('elections.result.valid'), r.valid],
    [t('elections.result.invalid'), r.invalid],
  ];
  const cellStyle = {
    padding: light ? '6px 4px' : '4px 8px',
    borderBottom: '1px solid #eee',
    textAlign: 'left' as const,
  };
  return (
    <div data-testid="result-figures" style={{ fontSize: light ? 16 : 14 }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 12 }}>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th style={cellStyle}>{k}</th>
              <td style={cellStyle}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!appraisal && (
        <p style={{ fontWeight: 700 }} data-testid="result-elected">
          {t(
            r.kind === 'cadre_recommendation' ? 'elections.result.recommended' : 'elections.result.elected',
            {
              names: r.elected.join('、') || t('elections.result.nobody'),
            },
          )}
        </p>
      )}
      {r.tied.length > 0 && <p>{t('elections.result.tied', { names: r.tied.join('、') })}</p>}
      {!appraisal && r.remainingSeats > 0 && r.meetingValid && (
        <p>{t('elections.result.remaining', { n: r.remainingSeats })}</p>
      )}
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={cellStyle}>{t('elections.result.candidate')}</th>
            {appraisal
              ? (['excellent', 'qualified', 'basic', 'unqualified'] as const).map((g) => (
                  <th key={g} style={cellStyle}>
                    {t(`elections.grade.${g}`)}
                  </th>
                ))
              : (['yes', 'no', 'abstain'] as const).map((m) => (
                  <th key={m} style={cellStyle}>
                    {t(`elections.mark.${m}`)}
                  </th>
                ))}
          </tr>
        </thead>
        <tbody>
          {r.tally.map((row) => (
            <tr key={`${row.candidateId}-${row.name}`} style={row.elected ? { fontWeight: 700 } : undefined}>
              <td style={cellStyle}>
                {row.name}
                {row.writeIn && t('elections.result.writeIn')}
              </td>
              {appraisal ? (
                (['excellent', 'qualified', 'basic', 'unqualified'] as const).map((g) => (
                  <td key={g} style={cellStyle}>
                    {row.grades?.[g] ?? 0}
                  </td>
                ))
              ) : (
                <>
                  <td style={cellStyle}>{row.yes}</td>
                  <td style={cellStyle}>{row.writeIn ? '—' : row.no}</td>
                  <td style={cellStyle}>{row.writeIn ? '—' : row.abstain}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
