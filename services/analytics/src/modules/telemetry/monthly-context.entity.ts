import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A context (user) seen in an environment in a calendar month (UTC): MAU is a count of these, exact. */
@Entity({ tableName: 'monthly_contexts' })
@Index({ properties: ['organizationId', 'month'] })
export class MonthlyContext {
  @PrimaryKey({ type: 'uuid' })
  environmentId!: string;

  /** The first day of the month. */
  @PrimaryKey({ type: 'date' })
  month!: string;

  @PrimaryKey({ type: 'text' })
  contextKey!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;
}
