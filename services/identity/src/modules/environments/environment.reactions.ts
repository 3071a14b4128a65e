import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent, EventReaction } from '@vexil/platform';
import { KnownEnvironment } from './environment.entity.js';

/** An environment as the flags service announces it in `project.created` and `environment.created`. */
interface AnnouncedEnvironment {
  id: string;
  key: string;
}

async function remember(
  em: EntityManager,
  event: DomainEvent,
  projectId: string,
  environments: AnnouncedEnvironment[],
): Promise<void> {
  if (!event.organizationId) return;
  for (const { id, key } of environments) {
    // Upserting keeps a replayed or reordered event harmless.
    await em.upsert(KnownEnvironment, {
      id,
      key,
      projectId,
      organizationId: event.organizationId,
      createdAt: new Date(event.occurredAt),
    });
  }
}

/**
 * Keeps {@link KnownEnvironment} up to date from the flags service's events, so API keys can be scoped
 * to environments without reading another service's tables (DESIGN.md, Data).
 */
export function environmentReactions(): Record<string, EventReaction> {
  return {
    'project.created': async (em, event) => {
      const payload = event.payload as { projectId: string; environments?: AnnouncedEnvironment[] };
      await remember(em, event, payload.projectId, payload.environments ?? []);
    },
    'environment.created': async (em, event) => {
      const payload = event.payload as { projectId: string; environmentId: string; key: string };
      await remember(em, event, payload.projectId, [{ id: payload.environmentId, key: payload.key }]);
    },
  };
}
