import { AppError } from '../../../shared/errors.ts';
import {
  indicatorsFor,
  monitoredBy,
  partnerTasksFor,
  partsOf,
  tasksFor,
} from '../../../shared/domain/catalog/applicability.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import { dutiesView, nextDeadlines } from '../../../shared/domain/periods/reportDeadlines.ts';
import type { Handlers } from '../context.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';

/**
 * The department's duties under its plan: what it must do (and what it takes part in), what it
 * must measure (and what it follows for the province), and which documents it owes, by when and to
 * whom — all from the catalog rules for its agency type.
 */
export function createHomeHandlers(
  catalogs: Map<string, Catalog>,
  organization: OrganizationRepository,
  clock: () => Date,
) {
  const handlers: Pick<Handlers, 'home.get'> = {
    'home.get': () => {
      const org = organization.get();
      if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
      const catalog = catalogs.get(org.planId);
      const agencyType = catalog?.agencyTypes.find((a) => a.code === org.agencyType);
      if (!catalog || !agencyType) throw new AppError('NOT_FOUND', `Không tìm thấy kế hoạch ${org.planId}`);
      const today = vietnamToday(clock());
      const tasks = tasksFor(catalog, org.agencyType);
      const partnerTasks = partnerTasksFor(catalog, org.agencyType);
      return {
        today,
        plan: {
          id: catalog.id,
          number: catalog.number,
          issuedOn: catalog.issuedOn,
          issuer: catalog.issuer,
          title: catalog.title,
          planDue: catalog.reporting.planDue,
          recipient: catalog.reporting.recipient,
          term: catalog.reporting.term,
        },
        agencyType,
        parts: partsOf(catalog, [...tasks, ...partnerTasks]),
        tasks,
        partnerTasks,
        indicators: indicatorsFor(catalog, org.agencyType),
        monitored: monitoredBy(catalog, org.agencyType),
        duties: dutiesView(catalog, org.agencyType, today),
        deadlines: nextDeadlines(today, catalog, org.agencyType),
      };
    },
  };
  return handlers;
}
