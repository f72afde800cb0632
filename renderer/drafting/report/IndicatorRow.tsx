import { memo, useId } from 'react';
import { issueKey } from '../../components/fieldFocus.ts';
import type { CatalogIndicator } from '../../../shared/domain/catalog/schema.ts';
import { comparisonBasis } from '../../../shared/domain/indicators/comparison.ts';
import {
  achievementLabels,
  evaluateIndicator,
  formatPercent,
  measureTarget,
  measureValue,
  type Achievement,
} from '../../../shared/domain/indicators/indicatorMath.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import type { MeasureValue, ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import { safely, sameIssues, type Issue } from '../catalog.ts';
import { CarriedOverBadge, FieldErrors, InputField, NumberInput } from '../fields.tsx';
import { ReviewNotes } from '../../workflow/ReviewNotes.tsx';
import { InvalidInputsScope } from '../invalidInputs.tsx';

export type IndicatorEdit = (i: ReportIndicator) => ReportIndicator;
type Measure = CatalogIndicator['measures'][number];
export type IndicatorPeriod = Pick<ReportPeriod, 'kind' | 'year'>;

interface Props {
  indicator: CatalogIndicator;
  item: ReportIndicator;
  period: IndicatorPeriod;
  /** The day the plan took effect: running totals "từ khi ban hành Kế hoạch" start there. */
  planStart: string;
  onEdit: (code: string, edit: IndicatorEdit) => void;
  issues: readonly Issue[];
}

function blankValue(measure: string): MeasureValue {
  return { measure, numerator: null, denominator: null, count: null, done: null, evidenceUrl: '' };
}

function evaluate(indicator: CatalogIndicator, values: readonly MeasureValue[], year: number) {
  return safely(
    () => {
      const r = evaluateIndicator(indicator, values, year);
      return { achievement: r.achievement, targetText: r.targetText, notes: r.targetNotes };
    },
    { achievement: 'chua_nhap' as Achievement, targetText: '', notes: [] as string[] },
  );
}

interface MeasureInputsProps {
  no: number;
  measure: Measure;
  several: boolean;
  value: MeasureValue;
  target: number | null;
  onChange: (patch: Partial<MeasureValue>) => void;
  /** An input of the row holds text that is not a number: no result from the value it replaced. */
  hideResult: boolean;
}

/** The inputs one measure needs, by its kind: ratio, count, programmes or yes/no. */
function MeasureInputs({ no, measure, several, value, target, onChange, hideResult }: MeasureInputsProps) {
  const id = useId();
  const prefix = several ? `Chỉ tiêu ${no} – ${measure.label}` : `Chỉ tiêu ${no}`;
  switch (measure.kind) {
    case 'ratio': {
      const pct = hideResult ? null : safely(() => measureValue('ratio', value), null);
      return (
        <div className="measure">
          {several && <div className="measure-label">{measure.label}</div>}
          <div className="measure-inputs">
            <NumberInput
              label="Số đạt được"
              ariaLabel={`${prefix} – Tử số`}
              value={value.numerator}
              onChange={(numerator) => onChange({ numerator })}
            />
            <NumberInput
              label="Tổng số"
              ariaLabel={`${prefix} – Mẫu số`}
              value={value.denominator}
              onChange={(denominator) => onChange({ denominator })}
            />
            <div
              className="ratio-result"
              aria-label={`${prefix} – Tỷ lệ`}
              data-testid={`ratio-${measure.code}`}
            >
              <span className="muted">Tỷ lệ</span>
              {/* Rounded so it never contradicts the status: 99,999 % beside "Chưa đạt" shows 99,9%. */}
              <strong>{pct === null ? '—' : `${formatPercent(pct, target)}%`}</strong>
            </div>
          </div>
        </div>
      );
    }
    case 'count':
    case 'programmes':
      return (
        <div className="measure">
          <div className="measure-inputs">
            <NumberInput
              label={several ? `${measure.label} (${measure.unit})` : `Số lượng (${measure.unit})`}
              ariaLabel={several ? prefix : `${prefix} – Số lượng`}
              value={value.count}
              onChange={(count) => onChange({ count })}
            />
          </div>
        </div>
      );
    case 'yes_no':
      // One department answers for itself: done or not, with a link to the evidence.
      return (
        <div className="measure">
          <div className="measure-label">{measure.label}</div>
          <div className="choice-row" role="radiogroup" aria-label={`${prefix} – ${measure.label}`}>
            {[
              { done: true, label: 'Đã thực hiện' },
              { done: false, label: 'Chưa thực hiện' },
            ].map((o) => (
              <label key={String(o.done)} className="choice">
                <input
                  type="radio"
                  name={`${id}-done`}
                  aria-label={`${prefix} – ${o.label}`}
                  checked={value.done === o.done}
                  onChange={() => onChange({ done: o.done })}
                />{' '}
                {o.label}
              </label>
            ))}
          </div>
          <InputField
            type="url"
            label="Đường dẫn minh chứng"
            ariaLabel={`${prefix} – Đường dẫn minh chứng`}
            placeholder="https://…"
            value={value.evidenceUrl}
            onChange={(evidenceUrl) => onChange({ evidenceUrl })}
          />
        </div>
      );
  }
}

function IndicatorRowInner({
  indicator,
  item,
  period,
  planStart,
  onEdit,
  issues,
  hideResult,
}: Props & { hideResult: boolean }) {
  const noteId = useId();
  const year = period.year;
  const several = indicator.measures.length > 1;
  const { achievement, targetText, notes } = evaluate(indicator, item.values, year);
  const basis = safely(() => comparisonBasis(indicator, period, planStart), [] as string[]);
  const valueOf = (m: Measure) => item.values.find((v) => v.measure === m.code) ?? blankValue(m.code);
  const change = (m: Measure) => (patch: Partial<MeasureValue>) =>
    onEdit(indicator.code, (i) => {
      const exists = i.values.some((v) => v.measure === m.code);
      const values = exists
        ? i.values.map((v) => (v.measure === m.code ? { ...v, ...patch } : v))
        : [...i.values, { ...blankValue(m.code), ...patch }];
      return { ...i, values, carriedOver: false };
    });

  return (
    <tr
      data-testid={`indicator-${indicator.code}`}
      data-field-path={issueKey(['indicators', indicator.code])}
      className={item.carriedOver ? 'carried-row' : ''}
    >
      <td className="num">{indicator.no}</td>
      <td>
        <div>{indicator.text}</div>
        <CarriedOverBadge show={item.carriedOver} />
        <ReviewNotes area="indicator" target={indicator.code} />
      </td>
      <td className="num target-cell">
        <div data-testid={`target-${indicator.code}`}>{targetText || '—'}</div>
        {notes.map((n) => (
          <div key={n} className="target-note" data-testid={`target-note-${indicator.code}`}>
            {n}
          </div>
        ))}
      </td>
      <td className="values-cell">
        {basis.map((b) => (
          <div key={b} className="comparison-basis muted" data-testid={`basis-${indicator.code}`}>
            {b}
          </div>
        ))}
        {indicator.measures.map((m, i) => (
          <MeasureInputs
            key={m.code}
            no={indicator.no}
            measure={m}
            several={several}
            value={valueOf(m)}
            target={safely(() => measureTarget(indicator, i, year), null)}
            onChange={change(m)}
            hideResult={hideResult}
          />
        ))}
        <div className="field note-field">
          <label htmlFor={noteId}>Ghi chú</label>
          <input
            id={noteId}
            type="text"
            aria-label={`Chỉ tiêu ${indicator.no} – Ghi chú`}
            value={item.note}
            onChange={(e) => {
              const note = e.target.value;
              onEdit(indicator.code, (i) => ({ ...i, note, carriedOver: false }));
            }}
          />
        </div>
        <FieldErrors issues={issues} />
      </td>
      <td className={`achievement achievement-${hideResult ? 'invalid' : achievement}`}>
        <span data-testid={`achievement-${indicator.code}`}>
          {hideResult ? 'Chưa đánh giá: số liệu chưa hợp lệ' : achievementLabels[achievement]}
        </span>
      </td>
    </tr>
  );
}

/** A row whose inputs report their invalid text to it, so that it shows no stale result. */
function IndicatorRowScoped(props: Props) {
  return (
    <InvalidInputsScope>
      {(invalid) => <IndicatorRowInner {...props} hideResult={invalid} />}
    </InvalidInputsScope>
  );
}

export const IndicatorRow = memo(
  IndicatorRowScoped,
  (a, b) =>
    a.item === b.item &&
    a.indicator === b.indicator &&
    a.period.kind === b.period.kind &&
    a.period.year === b.period.year &&
    a.planStart === b.planStart &&
    a.onEdit === b.onEdit &&
    sameIssues(a.issues, b.issues),
);
