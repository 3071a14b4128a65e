import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeOperator } from '@vexil/evaluation';
import {
  checkCount,
  checkLength,
  DomainError,
  isUuid,
  LIMITS,
  slugify,
  type ServiceRuntime,
} from '@vexil/platform';
import { checkTally, emptyTally, tallyConditions } from '../flag-configs/condition-limits.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Flag } from '../flags/flag.entity.js';
import type { Writer } from '../flags/flag.service.js';
import { Project } from '../projects/project.entity.js';
import type { SegmentInput } from './segment.inputs.js';
import { Segment } from './segment.entity.js';

const KEY = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${LIMITS.keyLength - 1}}$`);

const view = (segment: Segment) => ({
  key: segment.key,
  name: segment.name,
  description: segment.description,
  match: segment.match,
  conditions: segment.conditions,
  included: segment.included,
  excluded: segment.excluded,
});

/** Creating, changing and deleting segments; a segment still used by a rule cannot be deleted. */
export class SegmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
  ) {}

  async create(writer: Writer, projectId: string, input: SegmentInput): Promise<Segment> {
    if (!(await this.em.count(Project, { id: projectId, organizationId: writer.organizationId }))) {
      throw new DomainError('PROJECT_NOT_FOUND');
    }
    // Flagify's segments have a name only (routes.md §4.2): the key is made from it.
    const key = input.key?.trim() || slugify(input.name?.trim() ?? '');
    if (!KEY.test(key))
      throw DomainError.validation({
        key: [`must be 1-${LIMITS.keyLength} letters, digits, \`.\`, \`_\` or \`-\``],
      });
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        const segment = em.create(Segment, {
          projectId,
          organizationId: writer.organizationId,
          key,
          name: key,
        });
        this.apply(segment, input);
        this.record(em, writer, 'segment.created', segment, { after: view(segment) });
        return segment;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError('CONFLICT', `segment "${key}" already exists`);
      throw error;
    }
  }

  update(writer: Writer, projectId: string, key: string, input: SegmentInput): Promise<Segment> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const segment = await this.find(em, writer, projectId, key);
      const before = view(segment);
      this.apply(segment, { ...input, key: null });
      this.record(em, writer, 'segment.updated', segment, { before, after: view(segment) });
      return segment;
    });
  }

  delete(
    writer: Writer,
    ref: { projectId?: string | null; key?: string | null; id?: string | null },
  ): Promise<Segment> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const segment = ref.id
        ? await this.findById(em, writer, ref.id, ref.projectId)
        : await this.find(em, writer, ref.projectId ?? '', ref.key ?? '');
      const { projectId, key } = segment;
      // Segments are per project: only the configurations of this project's flags can refer to it.
      const flagIds = (await em.find(Flag, { projectId }, { fields: ['id'] })).map((flag) => flag.id);
      const configs = await em.find(FlagConfig, { flagId: { $in: flagIds } }, { fields: ['rules'] });
      const used = configs.some((config) =>
        config.rules.some((rule) =>
          rule.conditions.some(
            (c) => normalizeOperator(c.operator) === 'in_segment' && c.values.includes(key),
          ),
        ),
      );
      if (used)
        throw new DomainError(
          'CONFLICT',
          `segment "${key}" is used by a rule; remove it from the rules first`,
        );
      this.record(em, writer, 'segment.deleted', segment, { before: view(segment) });
      em.remove(segment);
      return segment;
    });
  }

  private async findById(
    em: EntityManager,
    writer: Writer,
    id: string,
    projectId: string | null | undefined,
  ): Promise<Segment> {
    const segment = isUuid(id)
      ? await em.findOne(Segment, {
          id,
          organizationId: writer.organizationId,
          ...(projectId ? { projectId } : {}),
        })
      : null;
    if (!segment) throw new DomainError('NOT_FOUND', 'segment not found');
    return segment;
  }

  private async find(em: EntityManager, writer: Writer, projectId: string, key: string): Promise<Segment> {
    // A project id that is no uuid (or none, with only a key) names no segment; the query would fail on it.
    const segment = isUuid(projectId)
      ? await em.findOne(Segment, { projectId, key, organizationId: writer.organizationId })
      : null;
    if (!segment) throw new DomainError('NOT_FOUND', `segment "${key}" not found`);
    return segment;
  }

  private apply(segment: Segment, input: SegmentInput): void {
    if (input.match != null) {
      if (input.match !== 'all' && input.match !== 'any')
        throw DomainError.validation({ match: ['must be `all` or `any`'] });
      segment.match = input.match;
    }
    if (input.conditions != null) {
      input.conditions.forEach((condition, index) => {
        const operator = normalizeOperator(condition.operator);
        if (!operator || operator === 'in_segment') {
          throw DomainError.validation({
            [`conditions.${index}.operator`]: [`"${condition.operator}" is not usable in a segment`],
          });
        }
      });
      const tally = emptyTally();
      tallyConditions('conditions', input.conditions, tally);
      checkTally('conditions', tally);
      segment.conditions = input.conditions.map(({ attribute, operator, values }) => ({
        attribute,
        operator,
        values,
      }));
    }
    checkLength('name', input.name?.trim(), LIMITS.nameLength);
    checkLength('description', input.description, LIMITS.descriptionLength);
    const included = input.included ?? segment.included;
    const excluded = input.excluded ?? segment.excluded;
    checkCount(
      'included',
      included.length + excluded.length,
      LIMITS.targetKeys,
      'context keys with excluded',
    );
    for (const [field, keys] of [
      ['included', included],
      ['excluded', excluded],
    ] as const)
      keys.forEach((key, index) => checkLength(`${field}.${index}`, key, LIMITS.contextKeyLength));
    if (input.name != null) segment.name = input.name.trim() || segment.key;
    if (input.description != null) segment.description = input.description;
    segment.included = included;
    segment.excluded = excluded;
  }

  private record(
    em: EntityManager,
    writer: Writer,
    type: string,
    segment: Segment,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: segment.id,
      actor: writer.actor,
      payload: { segmentId: segment.id, projectId: segment.projectId, key: segment.key, ...payload },
    });
  }
}
