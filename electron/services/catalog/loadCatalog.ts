import fs from 'node:fs';
import path from 'node:path';
import { catalogSchema, type Catalog } from '../../../shared/domain/catalog/schema.ts';
import { AppError } from '../../../shared/errors.ts';

/** JSON path as a reader would write it: tasks[12].cadence.dueDate */
function jsonPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** Reads one plan template and refuses it, naming the bad field, unless it matches the schema. */
export function parseCatalog(json: string, source: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new AppError(
      'VALIDATION',
      `Tệp kế hoạch ${source} không phải JSON hợp lệ: ${(e as Error).message}`,
    );
  }
  const r = catalogSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues
      .slice(0, 5)
      .map((i) => `trường ${jsonPath(i.path) || '(gốc)'}: ${i.message}`)
      .join('; ');
    throw new AppError('VALIDATION', `Tệp kế hoạch ${source} không hợp lệ: ${first}`);
  }
  return r.data;
}

export function loadCatalogFile(file: string): Catalog {
  return parseCatalog(fs.readFileSync(file, 'utf8'), path.basename(file));
}

/** Every plan template in a folder, by id. A bad file stops start-up: it is shipped data, a bug. */
export function loadCatalogDir(dir: string): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const c = loadCatalogFile(path.join(dir, f));
    if (catalogs.has(c.id)) throw new AppError('VALIDATION', `Hai tệp kế hoạch cùng mã ${c.id}`);
    catalogs.set(c.id, c);
  }
  return catalogs;
}
