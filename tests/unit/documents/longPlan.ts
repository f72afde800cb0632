import fs from 'node:fs';
import { exchangeSchema, type PlanExchange } from '../../../shared/domain/documents/exchange.ts';
import { PLAN_EXAMPLE, type RawJson } from './docxXml.ts';

/**
 * The plan example grown to `count` activities spread over its tasks, with every narrative section
 * long: the "long content" case of the render test and the bench.
 */
export function longPlan(count = 300): PlanExchange {
  const raw = JSON.parse(fs.readFileSync(PLAN_EXAMPLE, 'utf8')) as RawJson;
  const tasks = raw.content.tasks as { activities: Record<string, unknown>[]; taskId: string }[];
  const templates = tasks.flatMap((t) => t.activities);
  for (const t of tasks) t.activities = [];
  for (let i = 0; i < count; i++) {
    const task = tasks[i % tasks.length]!;
    const base = templates[i % templates.length]!;
    task.activities.push({
      ...base,
      id: `${task.taskId}-hd-${i + 1}`,
      content: `${String(base.content)} (đợt ${i + 1})`,
    });
  }
  const paragraph =
    'Các phòng, đơn vị thuộc Sở chủ động phối hợp với các cơ quan báo chí, các sở, ngành và địa phương, bảo đảm tiến độ, chất lượng và hiệu quả của từng hoạt động truyền thông.';
  for (const key of Object.keys(raw.content.sections)) {
    raw.content.sections[key] =
      `${String(raw.content.sections[key])}\n${Array.from({ length: 12 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n')}`;
  }
  const doc = exchangeSchema.parse(raw);
  if (doc.kind !== 'plan') throw new Error('plan example is not a plan');
  return doc;
}
