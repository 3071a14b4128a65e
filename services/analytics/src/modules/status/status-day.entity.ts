import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * How one component of the platform fared on one day (UTC): how often the gateway checked it and how
 * often it was operational. Kept per day rather than per check, so a year of history is a few thousand
 * rows whatever the check interval.
 */
@Entity({ tableName: 'status_days' })
export class StatusDay {
  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  component!: string;

  @Property({ type: 'integer' })
  totalChecks!: number;

  @Property({ type: 'integer' })
  operationalChecks!: number;
}
