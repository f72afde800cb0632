import { AppError } from '../../../shared/errors.ts';
import { indicatorsFor, partsOf, tasksFor } from '../../../shared/domain/catalog/applicability.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import { nextDeadlines } from '../../../shared/domain/periods/reportDeadlines.ts';
import type { Handlers } from '../context.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';

/** The department's duties under its plan: what it must do, what it must measure, and by when. */
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
        },
        agencyType,
        parts: partsOf(catalog, tasks),
        tasks,
        indicators: indicatorsFor(catalog, org.agencyType),
        deadlines: nextDeadlines(today, catalog.reporting, org.agencyType),
      };
    },
  };
  return handlers;
}
