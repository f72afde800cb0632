import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { newPlanContent } from '../../../shared/domain/plans/newPlan.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import { validatePlan } from '../../../shared/domain/reports/reportValidation.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import { department, requireSameIds, saveDocumentContent, type DraftsDeps } from './documentAccess.ts';
import type { StoredDocument } from './documentsRepository.ts';

/** The plan's slot in `documents`: one implementation plan per provincial plan. */
export const PLAN_PERIOD_KEY = 'plan';

export const planTitle = (catalog: Catalog) => `Kế hoạch triển khai thực hiện Kế hoạch số ${catalog.number}`;

const planDocument = (doc: StoredDocument) => ({ meta: doc.meta, content: doc.content as PlanContent });

/** The department's implementation plan (kế hoạch triển khai): create, open, autosave. */
export function createPlansHandlers(deps: DraftsDeps) {
  const { db, documents, audit } = deps;

  const handlers: Pick<Handlers, 'plans.get' | 'plans.create' | 'plans.save'> = {
    'plans.get': () => {
      const { catalog } = department(deps);
      const doc = documents.find('plan', catalog.id, PLAN_PERIOD_KEY);
      return doc ? planDocument(doc) : null;
    },

    'plans.create': (_input, ctx) => {
      const user = currentUser(ctx);
      const { org, catalog } = department(deps);
      // The default text names the agency as a sentence does: "Ủy ban nhân dân xã Phật Tích".
      const content = newPlanContent(catalog, org.agencyType, runningName(org.name));
      return db
        .transaction(() => {
          if (documents.find('plan', catalog.id, PLAN_PERIOD_KEY)) {
            throw new AppError('CONFLICT', 'Cơ quan đã có kế hoạch triển khai');
          }
          const doc = documents.insert({
            kind: 'plan',
            catalogId: catalog.id,
            periodKey: PLAN_PERIOD_KEY,
            title: planTitle(catalog),
            content,
            userId: user.id,
          });
          audit.append(user.id, 'plans.create', { id: doc.meta.id, catalogId: catalog.id });
          return planDocument(doc);
        })
        .immediate();
    },

    'plans.save': ({ id, baseRevision, editSession, content }, ctx) =>
      saveDocumentContent<PlanContent>(deps, {
        kind: 'plan',
        id,
        baseRevision,
        editSession,
        content,
        userId: currentUser(ctx).id,
        check: (next, stored) =>
          requireSameIds(
            next.tasks.map((t) => t.taskId),
            stored.tasks.map((t) => t.taskId),
            'Nhiệm vụ',
          ),
        validate: validatePlan,
      }),
  };
  return handlers;
}
