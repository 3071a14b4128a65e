import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * What an SDK reports: evaluations it made, conversions it saw, errors around flagged code, the A/B
 * impressions FeatureSignals' SDKs track, and the agent behaviour events of their ABM clients.
 */
export const SDK_EVENT_KINDS = ['evaluation', 'conversion', 'error', 'impression', 'behavior'] as const;
export type SdkEventKind = (typeof SDK_EVENT_KINDS)[number];

/** One event an SDK sent, kept as it came, with the environment whose key sent it. */
@Entity({ tableName: 'sdk_events' })
@Index({ properties: ['environmentId', 'receivedAt'] })
export class SdkEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  environmentId!: string;

  /** The API key that sent it. */
  @Property({ type: 'uuid' })
  keyId!: string;

  @Property({ type: 'text' })
  kind!: SdkEventKind;

  @Property({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  receivedAt!: Date;
}
