import { forwardRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../../shared/api.ts';

/**
 * The two charts a leader reads at a glance (recharts, drawn as SVG in the page): the province's
 * figure against the year's target for every indicator measured in %, and the departments' own
 * figures for one chosen indicator beside the province's. The same SVG is turned into a PNG for
 * the Excel export (svgToPng).
 */

type Consolidation = MethodOutput<'sokhcn.consolidation'>;
type Indicator = Consolidation['indicators'][number];

const WIDTH = 900;
const HEIGHT = 360;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Indicators whose first measure is a percentage (ratios, units reached): one bar each. */
export function achievementData(c: Consolidation) {
  return c.indicators.flatMap((ind) => {
    const m = ind.measures[0];
    const percent = ind.method === 'units_reached' || m?.kind === 'ratio';
    if (!m || !percent || m.value === null || ind.method === 'not_consolidated') return [];
    return [{ code: ind.code, value: round1(m.value), target: m.target }];
  });
}

export const AchievementChart = forwardRef<HTMLDivElement, { c: Consolidation }>(function AchievementChart(
  { c },
  ref,
) {
  const data = achievementData(c);
  return (
    <div ref={ref} className="chart" data-testid="chart-achievement">
      <h3>Kết quả toàn tỉnh so với chỉ tiêu năm {c.year} (%)</h3>
      {data.length === 0 ? (
        <p className="muted">Chưa có chỉ tiêu nào có số liệu.</p>
      ) : (
        <BarChart
          width={WIDTH}
          height={HEIGHT}
          data={data}
          margin={{ top: 10, right: 20, bottom: 10, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="code" />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip />
          <Legend />
          <Bar dataKey="value" name="Kết quả" fill="#1d4ed8" isAnimationActive={false} />
          <Bar dataKey="target" name="Chỉ tiêu" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      )}
    </div>
  );
});

/** Each counted department's figure for one indicator's first measure. */
export function departmentData(ind: Indicator) {
  return ind.departments
    .filter((d) => d.counted)
    .flatMap((d) => {
      const v = d.values[0];
      if (!v) return [];
      if (v.numerator !== null && v.denominator)
        return [{ name: d.name, value: round1((v.numerator / v.denominator) * 100) }];
      if (v.count !== null) return [{ name: d.name, value: v.count }];
      if (v.done !== null) return [{ name: d.name, value: v.done ? 100 : 0 }];
      return [];
    })
    .sort((a, b) => a.value - b.value);
}

export const DepartmentChart = forwardRef<HTMLDivElement, { ind: Indicator }>(function DepartmentChart(
  { ind },
  ref,
) {
  const data = departmentData(ind);
  const m = ind.measures[0];
  const percent = ind.method === 'units_reached' || m?.kind === 'ratio';
  return (
    <div ref={ref} className="chart" data-testid="chart-departments">
      <h3>
        {ind.code} theo đơn vị{percent ? ' (%)' : ''}: {data.length} đơn vị
      </h3>
      {data.length === 0 ? (
        <p className="muted">Chưa có đơn vị nào có số liệu cho chỉ tiêu này.</p>
      ) : (
        <BarChart
          width={WIDTH}
          height={HEIGHT}
          data={data}
          margin={{ top: 10, right: 20, bottom: 10, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="name"
            tick={false}
            label={{ value: 'Các đơn vị (từ thấp đến cao)', position: 'insideBottom' }}
          />
          <YAxis unit={percent ? '%' : ''} />
          <Tooltip />
          <Bar dataKey="value" name={m?.label ?? ind.code} fill="#0f766e" isAnimationActive={false} />
          {m?.value !== null && m?.value !== undefined && (
            <ReferenceLine y={round1(m.value)} stroke="#b91c1c" label={`Toàn tỉnh ${round1(m.value)}`} />
          )}
        </BarChart>
      )}
    </div>
  );
});

/** The chart's SVG as a PNG (base64, no data: prefix), white background, twice the size for print. */
export async function svgToPng(container: HTMLElement | null): Promise<string | null> {
  const svg = container?.querySelector('.recharts-wrapper > svg.recharts-surface');
  if (!svg) return null;
  const { width, height } = svg.getBoundingClientRect();
  const xml = new XMLSerializer().serializeToString(svg);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}
