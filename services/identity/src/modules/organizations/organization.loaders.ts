import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Organization } from './organization.entity.js';

/** Request-scoped batch loaders for organizations. */
export function createOrganizationLoaders(em: EntityManager) {
  return {
    organizationById: new DataLoader<string, Organization | null>(async (ids) => {
      const organizations = await em.find(Organization, { id: { $in: [...ids] } });
      const byId = new Map(organizations.map((organization) => [organization.id, organization]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
