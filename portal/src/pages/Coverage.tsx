import { useMemo, useState } from 'preact/hooks';
import { Chart } from '../components/Chart.tsx';
import { ErrorNotice } from '../components/Layout.tsx';
import type { CoverageQuery, Industry } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { useQuery } from '../useGraph.ts';
import { INDUSTRIES } from './Search.tsx';

const Coverage = graphql(`
  query Coverage($year: Int) {
    coverage(year: $year) {
      regionCode
      industry
      year
      platformCount
      platformsPlanned
      platformsMissing
      serviceCount
      instrumentCount
      region {
        name
        nameEn
      }
    }
  }
`);

type Cell = NonNullable<CoverageQuery['coverage']>[number];
type Measure = 'platformCount' | 'instrumentCount' | 'platformsMissing';

const MEASURES: Measure[] = ['platformCount', 'instrumentCount', 'platformsMissing'];
const INDUSTRY_ORDER = Object.keys(INDUSTRIES) as Industry[];

function nameOf(industry: Industry, english: boolean): string {
  return english ? INDUSTRIES[industry][1] : INDUSTRIES[industry][0];
}

/** Regions in the order the cells first name them (the platforms source lists them by code). */
function regionsOf(cells: Cell[], english: boolean): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const cell of cells) {
    if (!seen.has(cell.regionCode)) {
      seen.set(cell.regionCode, (english ? cell.region?.nameEn : cell.region?.name) ?? cell.regionCode);
    }
  }
  return [...seen].map(([code, name]) => ({ code, name }));
}

export function CoveragePage() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const [year, setYear] = useState(new Date().getFullYear());
  const [measure, setMeasure] = useState<Measure>('platformCount');
  const { data, error, loading, reload } = useQuery(Coverage, { year });
  const cells = useMemo(() => data?.coverage ?? [], [data]);
  const regions = useMemo(() => regionsOf(cells, english), [cells, english]);
  const industryName = (industry: Industry) => nameOf(industry, english);

  const option = useMemo(() => {
    if (cells.length === 0) return undefined;
    const values = cells.map((cell) => [
      INDUSTRY_ORDER.indexOf(cell.industry),
      regions.findIndex((region) => region.code === cell.regionCode),
      cell[measure] ?? 0,
    ]);
    const max = Math.max(1, ...values.map((value) => value[2] as number));
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: INDUSTRY_ORDER.map((industry) => nameOf(industry, english)),
        axisLabel: { interval: 0, rotate: 30 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: regions.map((region) => region.name),
        inverse: true,
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: measure === 'platformsMissing' ? ['#fff7ec', '#b30000'] : ['#eef5fb', '#0b5cab'] },
      },
      tooltip: {
        renderMode: 'richText',
        formatter: (point: { value: number[] }) => {
          const [x, y] = point.value as [number, number];
          const cell = cells.find((c) => c.industry === INDUSTRY_ORDER[x] && c.regionCode === regions[y]?.code);
          if (!cell) return '';
          return [
            `${regions[y]?.name} · ${nameOf(cell.industry, english)}`,
            `${t.coverageMeasures.platformCount}: ${cell.platformCount}`,
            `${t.coverageMeasures.instrumentCount}: ${cell.instrumentCount}`,
            `${t.coveragePlanned}: ${cell.platformsPlanned ?? '—'}`,
            `${t.coverageMeasures.platformsMissing}: ${cell.platformsMissing ?? '—'}`,
          ].join('\n');
        },
      },
      series: [
        {
          type: 'heatmap',
          data: values,
          label: { show: true },
          emphasis: { itemStyle: { borderColor: '#1a1f24', borderWidth: 1 } },
        },
      ],
    };
  }, [cells, measure, regions, english, t]);

  const thisYear = new Date().getFullYear();
  return (
    <section class="coverage">
      <h1>{t.coverageTitle}</h1>
      <p>{t.coverageExplain}</p>
      <form class="coverage-controls" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t.coverageYear}
          <select value={year} onChange={(event) => setYear(Number(event.currentTarget.value))}>
            {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="measures">
          <legend>{t.coverageMeasure}</legend>
          {MEASURES.map((value) => (
            <label key={value} class="inline">
              <input
                type="radio"
                name="measure"
                value={value}
                checked={measure === value}
                onChange={() => setMeasure(value)}
              />
              {t.coverageMeasures[value]}
            </label>
          ))}
        </fieldset>
      </form>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      <Chart class="heatmap" option={option} label={t.coverageChartLabel} />
      <table class="coverage-table">
        <caption>{t.coverageTableCaption(t.coverageMeasures[measure])}</caption>
        <thead>
          <tr>
            <th scope="col">{t.region}</th>
            {INDUSTRY_ORDER.map((industry) => (
              <th scope="col" key={industry}>
                {industryName(industry)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => (
            <tr key={region.code}>
              <th scope="row">{region.name}</th>
              {INDUSTRY_ORDER.map((industry) => {
                const cell = cells.find((c) => c.regionCode === region.code && c.industry === industry);
                return <td key={industry}>{cell ? (cell[measure] ?? '—') : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
