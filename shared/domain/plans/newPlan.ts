import type { Catalog } from '../catalog/schema.ts';
import type { PlanContent } from './planContent.ts';

/**
 * A plan pre-filled from the catalog: one entry per task assigned to the agency type, in plan
 * order, no activities yet, and sensible default text in sections I, II, III and IV that names the
 * department and the provincial plan (the clerk edits it).
 */
export function newPlanContent(catalog: Catalog, agencyType: string, organizationName: string): PlanContent {
  throw new Error('not implemented');
}
