import { useId } from 'react';
import { DateField } from '../../components/DateField.tsx';
import type { Timeline } from '../../../shared/domain/plans/activityTimeline.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import { NumberInput, SrOnly } from '../fields.tsx';

const kindLabels: Record<Timeline['kind'], string> = {
  recurring: 'Thường xuyên',
  month: 'Tháng',
  quarter: 'Quý',
  date: 'Ngày',
  text: 'Khác',
};
const roman = ['I', 'II', 'III', 'IV'];

function switchKind(kind: Timeline['kind'], current: Timeline): Timeline {
  const today = vietnamToday(new Date());
  const year = 'year' in current ? current.year : Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (kind) {
    case 'recurring':
      return { kind };
    case 'month':
      return { kind, month, year };
    case 'quarter':
      return { kind, quarter: Math.ceil(month / 3), year };
    case 'date':
      return { kind, date: today };
    case 'text':
      return { kind, text: '' };
  }
}

interface Props {
  value: Timeline;
  onChange: (t: Timeline) => void;
  /** " – hoạt động 2, nhiệm vụ III.1.a.3": makes each label unique for screen readers and tests. */
  suffix: string;
}

/** When an activity happens: Thường xuyên / Tháng / Quý / Ngày / Khác, with the inputs each needs. */
export function TimelineField({ value, onChange, suffix }: Props) {
  const id = useId();
  return (
    <div className="timeline-field">
      <div className="field">
        <label htmlFor={`${id}-kind`}>
          Thời gian<SrOnly>{suffix}</SrOnly>
        </label>
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(e) => onChange(switchKind(e.target.value as Timeline['kind'], value))}
        >
          {(Object.keys(kindLabels) as Timeline['kind'][]).map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      {value.kind === 'month' && (
        <div className="field">
          <label htmlFor={`${id}-month`}>
            Tháng<SrOnly>{suffix}</SrOnly>
          </label>
          <select
            id={`${id}-month`}
            value={value.month}
            onChange={(e) => onChange({ ...value, month: Number(e.target.value) })}
          >
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'quarter' && (
        <div className="field">
          <label htmlFor={`${id}-quarter`}>
            Quý<SrOnly>{suffix}</SrOnly>
          </label>
          <select
            id={`${id}-quarter`}
            value={value.quarter}
            onChange={(e) => onChange({ ...value, quarter: Number(e.target.value) })}
          >
            {roman.map((r, i) => (
              <option key={r} value={i + 1}>
                {r}
              </option>
            ))}
          </select>
        </div>
      )}
      {(value.kind === 'month' || value.kind === 'quarter') && (
        <NumberInput
          className="year-field"
          label={
            <>
              Năm<SrOnly>{suffix}</SrOnly>
            </>
          }
          value={value.year}
          min={2000}
          max={2100}
          onChange={(year) => {
            if (year !== null) onChange({ ...value, year });
          }}
        />
      )}
      {value.kind === 'date' && (
        <DateField
          label={
            <>
              Ngày<SrOnly>{suffix}</SrOnly>
            </>
          }
          value={value.date}
          onChange={(date) => {
            if (date) onChange({ ...value, date });
          }}
        />
      )}
      {value.kind === 'text' && (
        <div className="field grow">
          <label htmlFor={`${id}-text`}>
            Mô tả thời gian<SrOnly>{suffix}</SrOnly>
          </label>
          <input
            id={`${id}-text`}
            type="text"
            maxLength={200}
            value={value.text}
            placeholder="Ví dụ: Trước ngày 30/9 hằng năm"
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
        </div>
      )}
    </div>
  );
}
