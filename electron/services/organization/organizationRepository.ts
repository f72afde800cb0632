import { organizationSchema, type Organization } from '../../../shared/domain/organization/schemas.ts';
import type { Db } from '../store/openDatabase.ts';

export function createOrganizationRepository(db: Db, clock: () => Date) {
  return {
    get(): Organization | null {
      const r = db.prepare('SELECT profile_json FROM organization WHERE id = 1').get() as
        { profile_json: string } | undefined;
      return r ? organizationSchema.parse(JSON.parse(r.profile_json)) : null;
    },
    save(profile: Organization) {
      const now = clock().toISOString();
      db.prepare(
        `INSERT INTO organization (id, profile_json, created_at, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET profile_json = excluded.profile_json, updated_at = excluded.updated_at`,
      ).run(JSON.stringify(profile), now, now);
    },
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
