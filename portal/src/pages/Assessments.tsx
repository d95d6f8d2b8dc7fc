import { useMemo, useState } from 'preact/hooks';
import { Chart } from '../components/Chart.tsx';
import { ErrorNotice } from '../components/Layout.tsx';
import type { Grade } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { useQuery } from '../useGraph.ts';

const AssessmentOverview = graphql(`
  query AssessmentOverview {
    byYearAndGrade: assessmentStats(groupBy: [YEAR, GRADE]) {
      year
      grade
      count
    }
    byYearAndRegion: assessmentStats(groupBy: [YEAR, REGION]) {
      year
      region {
        code
        name
        nameEn
      }
      meanTotal
    }
  }
`);

const AssessmentRanking = graphql(`
  query AssessmentRanking($year: Int!) {
    assessments(filter: { year: $year }, orderBy: { field: RANK, direction: ASC }, first: 100) {
      totalCount
      edges {
        node {
          id
          rank
          total
          grade
          platform {
            id
            name
          }
          region {
            name
            nameEn
          }
        }
      }
    }
  }
`);

const GRADES: Grade[] = ['EXCELLENT', 'GOOD', 'PASS', 'POOR'];
const GRADE_COLOURS: Record<Grade, string> = {
  EXCELLENT: '#1d6b32',
  GOOD: '#0b5cab',
  PASS: '#8a5a00',
  POOR: '#a4161a',
};

export function AssessmentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const overview = useQuery(AssessmentOverview, {});
  const years = useMemo(
    () => [...new Set((overview.data?.byYearAndGrade ?? []).map((row) => row.year as number))].sort(),
    [overview.data],
  );
  const [chosen, setChosen] = useState<number | undefined>();
  const year = chosen ?? years.at(-1);
  const ranking = useQuery(AssessmentRanking, { year: year ?? 0 }, year === undefined);

  const gradeOption = useMemo(() => {
    const rows = overview.data?.byYearAndGrade;
    if (!rows) return undefined;
    return {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', minInterval: 1 },
      series: GRADES.map((grade) => ({
        name: t.grades[grade],
        type: 'bar',
        stack: 'grades',
        itemStyle: { color: GRADE_COLOURS[grade] },
        data: years.map((y) => rows.find((row) => row.year === y && row.grade === grade)?.count ?? 0),
      })),
    };
  }, [overview.data, years, t]);

  const regionRows = overview.data?.byYearAndRegion;
  const regions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const row of regionRows ?? []) {
      if (row.region) seen.set(row.region.code, english ? row.region.nameEn : row.region.name);
    }
    return [...seen];
  }, [regionRows, english]);
  const regionOption = useMemo(() => {
    if (!regionRows) return undefined;
    return {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: regions.map(([, name]) => name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: years.map((y) => ({
        name: String(y),
        type: 'bar',
        data: regions.map(
          ([code]) =>
            Math.round((regionRows.find((row) => row.year === y && row.region?.code === code)?.meanTotal ?? 0) * 10) /
            10,
        ),
      })),
    };
  }, [regionRows, regions, years]);

  const assessments = ranking.data?.assessments;
  return (
    <section class="assessments">
      <h1>{t.assessmentsTitle}</h1>
      {overview.error ? <ErrorNotice error={overview.error} retry={overview.reload} /> : null}
      <div class="charts">
        <figure>
          <figcaption>{t.gradeDistribution}</figcaption>
          <Chart option={gradeOption} label={t.gradeDistribution} />
        </figure>
        <figure>
          <figcaption>{t.meanByRegion}</figcaption>
          <Chart option={regionOption} label={t.meanByRegion} />
        </figure>
      </div>
      <h2>{t.ranking}</h2>
      <label class="year-select">
        {t.coverageYear}
        <select value={year} onChange={(event) => setChosen(Number(event.currentTarget.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {ranking.error ? <ErrorNotice error={ranking.error} retry={ranking.reload} /> : null}
      <p aria-live="polite" class="count">
        {ranking.loading ? t.loading : ''}
      </p>
      <table class="ranking">
        <thead>
          <tr>
            <th scope="col">{t.rank}</th>
            <th scope="col">{t.platform}</th>
            <th scope="col">{t.region}</th>
            <th scope="col">{t.total}</th>
            <th scope="col">{t.grade}</th>
          </tr>
        </thead>
        <tbody>
          {assessments?.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.rank ?? '—'}</td>
              <th scope="row">
                {node.platform ? (
                  <a href={`/platforms/${encodeURIComponent(node.platform.id)}`}>{node.platform.name}</a>
                ) : (
                  '—'
                )}
              </th>
              <td>{node.region ? (english ? node.region.nameEn : node.region.name) : '—'}</td>
              <td>{node.total.toFixed(1)}</td>
              <td class={`grade grade-${node.grade.toLowerCase()}`}>{t.grades[node.grade]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
