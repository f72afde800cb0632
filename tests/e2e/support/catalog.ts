import fs from 'node:fs';
import { catalogSchema } from '../../../shared/domain/catalog/schema.ts';

/** The plan catalog the app ships, read independently of the app, to check what the UI shows. */
export const catalog = catalogSchema.parse(
  JSON.parse(
    fs.readFileSync(new URL('../../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8'),
  ),
);
