import fs from 'node:fs';
import { catalogSchema, type Catalog } from '../../../shared/domain/catalog/schema.ts';

/**
 * Kế hoạch 34/KH-UBND (20/8/2025, UBND tỉnh Bắc Ninh) as published (vanban.phaplyvn.com), kept in
 * tests/fixtures/reference so the tests that hold the catalog to the plan's words always run, and
 * the catalog the app ships, read independently of the app.
 */
export const PLAN_TEXT_URL = new URL(
  '../../fixtures/reference/ke-hoach-34-KH-UBND-2025.txt',
  import.meta.url,
);
export const CATALOG_URL = new URL('../../../resources/plans/34-KH-UBND-2025.json', import.meta.url);

export const planText = fs.readFileSync(PLAN_TEXT_URL, 'utf8');
export const rawCatalog: unknown = JSON.parse(fs.readFileSync(CATALOG_URL, 'utf8'));
export const catalog: Catalog = catalogSchema.parse(rawCatalog);

/** Same normalisation the catalog was written with: NFC, collapsed whitespace, no stray space before punctuation. */
export const norm = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/(\d)- (?=[A-ZĐ])/g, '$1-')
    .trim();

export const planNorm = norm(planText);
export const planLines = planText.split('\n').map(norm);

/** Whether the plan says these words (after the same normalisation). */
export const inPlan = (words: string): boolean => planNorm.includes(norm(words));

/** How many times the plan says these words. */
export function timesInPlan(words: string): number {
  const w = norm(words);
  let n = 0;
  for (let at = planNorm.indexOf(w); at >= 0; at = planNorm.indexOf(w, at + 1)) n++;
  return n;
}

export const task = (id: string) => {
  const t = catalog.tasks.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}`);
  return t;
};
export const indicator = (code: string) => {
  const i = catalog.indicators.find((x) => x.code === code);
  if (!i) throw new Error(`no indicator ${code}`);
  return i;
};

/** The agency types grouped as the plan addresses them. */
export const SO = [
  'so_ban_nganh',
  'so_noi_vu',
  'van_phong_ubnd_tinh',
  'so_khcn',
  'so_gddt',
  'so_vhttdl',
  'so_tai_chinh',
];
export const XA = ['ubnd_xa_phuong'];
export const PRESS = ['bao_ptth_tinh', 'co_quan_bao_chi'];
