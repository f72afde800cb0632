import type { Catalog } from '../catalog/schema.ts';
import type { LetterContent } from '../letters/letterContent.ts';
import { formatTimeline } from '../plans/activityTimeline.ts';
import { planSectionLabels, type Activity, type PlanContent } from '../plans/planContent.ts';
import {
  reportActivities,
  reportSectionKeys,
  reportSectionLabels,
  taskStatusLabels,
  type ReportContent,
  type TaskStatus,
} from '../reports/reportContent.ts';

/**
 * Resolving a save conflict field by field. When two windows edit one document, the second
 * window holds three versions: the one it started from (base), its own (mine) and the one the
 * store now has (saved). Every field the user did not touch takes the saved value; every field
 * they changed that differs from the saved one is shown with both values ("Bản của bạn" / "Bản
 * đã lưu") for the user to pick, and the result is saved over the saved version's revision.
 */

/** One field of a document, addressed by stable ids (indicator code, task id, activity id). */
export interface MergeField<C> {
  key: string;
  /** The label the editor and the version history use: "Chỉ tiêu 2 – Tử số", "IV. Đề xuất…". */
  label: string;
  read: (content: C) => unknown;
  /** How a person reads a value of this field. */
  show: (value: unknown) => string;
  /** `target` with this field (and whatever belongs with it) taken from `source`. */
  take: (target: C, source: C) => C;
}

/** A field both windows changed differently, as the conflict panel lists it. */
export interface FieldConflict {
  key: string;
  label: string;
  mine: string;
  saved: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const EMPTY = '(để trống)';
const showText = (v: unknown) => (typeof v === 'string' && v.trim() ? v : EMPTY);
const showNumber = (v: unknown) => (typeof v === 'number' ? String(v).replace('.', ',') : EMPTY);
const showYesNo = (v: unknown) => (v === true ? 'Có' : v === false ? 'Không' : EMPTY);
const showStatus = (v: unknown) => (typeof v === 'string' ? taskStatusLabels[v as TaskStatus] : EMPTY);
const showDone = (v: unknown) => (v === true ? 'Đã thực hiện' : v === false ? 'Chưa thực hiện' : EMPTY);

/** The fields the user changed that the saved version holds differently. */
export function fieldConflicts<C>(fields: MergeField<C>[], base: C, mine: C, saved: C): FieldConflict[] {
  return fields
    .filter((f) => {
      const m = f.read(mine);
      return !same(m, f.read(base)) && !same(m, f.read(saved));
    })
    .map((f) => ({ key: f.key, label: f.label, mine: f.show(f.read(mine)), saved: f.show(f.read(saved)) }));
}

/**
 * The merged content: the saved version, with the user's own value in every field listed in
 * `keepMine` (keys of fieldConflicts). Fields not listed, and fields the user never touched, keep
 * the saved value.
 */
export function mergeFields<C>(fields: MergeField<C>[], mine: C, saved: C, keepMine: ReadonlySet<string>): C {
  let merged = structuredClone(saved);
  for (const f of fields) if (keepMine.has(f.key)) merged = f.take(merged, mine);
  return merged;
}

/** What a merged save sends: the merged content over the revision of the version it was merged with. */
export function mergedSave<C>(
  fields: MergeField<C>[],
  mine: C,
  saved: { content: C; revision: number },
  keepMine: ReadonlySet<string>,
): { baseRevision: number; content: C } {
  return { baseRevision: saved.revision, content: mergeFields(fields, mine, saved.content, keepMine) };
}

// ---- Reports ----

type Indicator = ReportContent['indicators'][number];
const measureFields = [
  ['numerator', 'Tử số', showNumber],
  ['denominator', 'Mẫu số', showNumber],
  ['count', 'Số lượng', showNumber],
  ['done', 'Thực hiện', showDone],
  ['evidenceUrl', 'Đường dẫn minh chứng', showText],
] as const;

function mapIndicator(c: ReportContent, code: string, edit: (i: Indicator) => Indicator): ReportContent {
  return { ...c, indicators: c.indicators.map((i) => (i.code === code ? edit(i) : i)) };
}

export function reportMergeFields(mine: ReportContent, saved: ReportContent, catalog: Catalog) {
  const fields: MergeField<ReportContent>[] = [];
  const savedCodes = new Set(saved.indicators.map((i) => i.code));
  for (const ind of mine.indicators) {
    if (!savedCodes.has(ind.code)) continue;
    const cat = catalog.indicators.find((i) => i.code === ind.code);
    const no = cat ? cat.no : ind.code;
    const several = (cat?.measures.length ?? 0) > 1;
    const byCode = (c: ReportContent) => c.indicators.find((i) => i.code === ind.code);
    for (const v of ind.values) {
      const measure = cat?.measures.find((m) => m.code === v.measure);
      const prefix = several && measure ? `Chỉ tiêu ${no} – ${measure.label}` : `Chỉ tiêu ${no}`;
      for (const [field, fieldLabel, show] of measureFields) {
        const read = (c: ReportContent) => byCode(c)?.values.find((x) => x.measure === v.measure)?.[field];
        fields.push({
          key: `indicator:${ind.code}:${v.measure}:${field}`,
          label: `${prefix} – ${fieldLabel}`,
          read,
          show,
          take: (target, source) =>
            mapIndicator(target, ind.code, (i) => ({
              ...i,
              carriedOver: byCode(source)?.carriedOver ?? i.carriedOver,
              values: i.values.map((x) => (x.measure === v.measure ? { ...x, [field]: read(source) } : x)),
            })),
        });
      }
    }
    fields.push({
      key: `indicator:${ind.code}:note`,
      label: `Chỉ tiêu ${no} – Ghi chú`,
      read: (c) => byCode(c)?.note,
      show: showText,
      take: (target, source) =>
        mapIndicator(target, ind.code, (i) => ({ ...i, note: byCode(source)?.note ?? i.note })),
    });
  }

  const savedTasks = new Set(saved.tasks.map((t) => t.taskId));
  for (const task of mine.tasks) {
    if (!savedTasks.has(task.taskId)) continue;
    const byId = (c: ReportContent) => c.tasks.find((t) => t.taskId === task.taskId);
    for (const [field, fieldLabel, show] of [
      ['status', 'Trạng thái', showStatus],
      ['result', 'Kết quả thực hiện', showText],
      ['figures', 'Số liệu', showText],
      ['evidence', 'Minh chứng', showText],
    ] as const) {
      fields.push({
        key: `task:${task.taskId}:${field}`,
        label: `Nhiệm vụ ${task.taskId} – ${fieldLabel}`,
        read: (c) => byId(c)?.[field],
        show,
        take: (target, source) => {
          const from = byId(source);
          if (!from) return target;
          return {
            ...target,
            tasks: target.tasks.map((t) =>
              t.taskId === task.taskId ? { ...t, [field]: from[field], carriedOver: from.carriedOver } : t,
            ),
          };
        },
      });
    }
  }

  const savedActivities = new Set(reportActivities(saved).map((a) => a.activityId));
  reportActivities(mine).forEach((a, index) => {
    if (!savedActivities.has(a.activityId)) return;
    const byId = (c: ReportContent) => reportActivities(c).find((x) => x.activityId === a.activityId);
    for (const [field, fieldLabel, show] of [
      ['status', 'Trạng thái', showStatus],
      ['result', 'Kết quả thực hiện', showText],
    ] as const) {
      fields.push({
        key: `activity:${a.activityId}:${field}`,
        label: `Hoạt động ${index + 1} (${shortText(a.content)}) – ${fieldLabel}`,
        read: (c) => byId(c)?.[field],
        show,
        take: (target, source) => {
          const from = byId(source);
          if (!from) return target;
          return {
            ...target,
            activities: reportActivities(target).map((x) =>
              x.activityId === a.activityId ? { ...x, [field]: from[field] } : x,
            ),
          };
        },
      });
    }
  });

  for (const key of reportSectionKeys) {
    fields.push({
      key: `section:${key}`,
      label: reportSectionLabels[key],
      read: (c) => c.sections[key].text,
      show: showText,
      take: (target, source) => ({
        ...target,
        sections: { ...target.sections, [key]: source.sections[key] },
      }),
    });
  }
  return fields;
}

// ---- Plans ----

const shortText = (s: string) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 60)}…` : t || 'chưa có nội dung';
};

const activityFields = [
  ['content', 'Nội dung', showText],
  ['unitInCharge', 'Đơn vị chủ trì', showText],
  ['partners', 'Đơn vị phối hợp', showText],
  ['timeline', 'Thời gian thực hiện', (v: unknown) => formatTimeline(v as Activity['timeline'])],
  ['expectedOutput', 'Sản phẩm dự kiến', showText],
  ['budgetSource', 'Nguồn kinh phí', showText],
] as const;

type PlanTask = PlanContent['tasks'][number];
const mapTask = (c: PlanContent, taskId: string, edit: (t: PlanTask) => PlanTask): PlanContent => ({
  ...c,
  tasks: c.tasks.map((t) => (t.taskId === taskId ? edit(t) : t)),
});

export function planMergeFields(base: PlanContent, mine: PlanContent, saved: PlanContent) {
  const fields: MergeField<PlanContent>[] = [];
  for (const key of Object.keys(planSectionLabels) as (keyof PlanContent['sections'])[]) {
    fields.push({
      key: `section:${key}`,
      label: planSectionLabels[key],
      read: (c) => c.sections[key],
      show: showText,
      take: (target, source) => ({
        ...target,
        sections: { ...target.sections, [key]: source.sections[key] },
      }),
    });
  }
  const savedTasks = new Set(saved.tasks.map((t) => t.taskId));
  for (const task of mine.tasks) {
    const taskId = task.taskId;
    if (!savedTasks.has(taskId)) continue;
    const byId = (c: PlanContent) => c.tasks.find((t) => t.taskId === taskId);
    for (const [field, fieldLabel, show] of [
      ['notApplicable', 'Không áp dụng', showYesNo],
      ['notApplicableReason', 'Lý do không áp dụng', showText],
    ] as const) {
      fields.push({
        key: `task:${taskId}:${field}`,
        label: `Nhiệm vụ ${taskId} – ${fieldLabel}`,
        read: (c) => byId(c)?.[field],
        show,
        take: (target, source) => {
          const from = byId(source);
          return from ? mapTask(target, taskId, (t) => ({ ...t, [field]: from[field] })) : target;
        },
      });
    }
    // An activity one side added or deleted is one field (the whole activity); one both sides
    // have is compared field by field.
    const inMine = new Set(task.activities.map((a) => a.id));
    const inSaved = new Set(byId(saved)!.activities.map((a) => a.id));
    const all = [...(byId(base)?.activities ?? []), ...task.activities, ...byId(saved)!.activities];
    const seen = new Set<string>();
    for (const a of all) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      const find = (c: PlanContent) => byId(c)?.activities.find((x) => x.id === a.id);
      const name = `Nhiệm vụ ${taskId} – Hoạt động: ${shortText(a.content)}`;
      if (inMine.has(a.id) && inSaved.has(a.id)) {
        for (const [field, fieldLabel, show] of activityFields) {
          fields.push({
            key: `activity:${a.id}:${field}`,
            label: `${name} – ${fieldLabel}`,
            read: (c) => find(c)?.[field],
            show,
            take: (target, source) => {
              const from = find(source);
              if (!from) return target;
              return mapTask(target, taskId, (t) => ({
                ...t,
                activities: t.activities.map((x) => (x.id === a.id ? { ...x, [field]: from[field] } : x)),
              }));
            },
          });
        }
      } else {
        fields.push({
          key: `activity:${a.id}`,
          label: name,
          read: (c) => find(c) ?? null,
          show: (v) => (v ? describeActivity(v as Activity) : '(không có hoạt động này)'),
          take: (target, source) => {
            const from = find(source);
            return mapTask(target, taskId, (t) => {
              const rest = t.activities.filter((x) => x.id !== a.id);
              if (!from) return { ...t, activities: rest };
              const at = byId(source)!.activities.findIndex((x) => x.id === a.id);
              return { ...t, activities: [...rest.slice(0, at), from, ...rest.slice(at)] };
            });
          },
        });
      }
    }
  }
  return fields;
}

function describeActivity(a: Activity): string {
  const parts = [a.content.trim() || 'chưa có nội dung'];
  if (a.unitInCharge.trim()) parts.push(`Đơn vị chủ trì: ${a.unitInCharge.trim()}`);
  parts.push(`Thời gian: ${formatTimeline(a.timeline)}`);
  return parts.join('; ');
}

// ---- Công văn ----

/** "Sở Nội vụ; UBND phường Từ Sơn": a list field (Kính gửi, Nơi nhận) on one line. */
const showLines = (v: unknown) => (Array.isArray(v) && v.length ? (v as string[]).join('; ') : EMPTY);

type LetterField = Exclude<keyof LetterContent, 'subject'>;

/** The công văn's editable fields, named as the editor names them. The subject (the duty chased) is fixed. */
const letterFields: readonly (readonly [LetterField, string, (v: unknown) => string])[] = [
  ['summary', 'Trích yếu (V/v)', showText],
  ['draftingUnit', 'Đơn vị soạn thảo', showText],
  ['addressees', 'Kính gửi', showLines],
  ['body', 'Nội dung công văn', showText],
  ['recipients', 'Nơi nhận', showLines],
];

export function letterMergeFields(): MergeField<LetterContent>[] {
  return letterFields.map(([field, label, show]) => ({
    key: `letter:${field}`,
    label,
    read: (c) => c[field],
    show,
    take: (target, source) => ({ ...target, [field]: source[field] }),
  }));
}
