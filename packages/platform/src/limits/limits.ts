import { DomainError } from '../errors/domain-error.js';

/**
 * Caps on what a write may store (issue 10). Registration is open, so every tenant's configuration is
 * untrusted input to the evaluator that serves everyone: these bound the work of one evaluation and the
 * size of a row. The numbers are generous for hand-written targeting; the README's "Limits" table lists
 * them and a test keeps it in step with this object. Exceeding one is `VALIDATION_FAILED` on the field.
 */
export const LIMITS = {
  /** Rules in one flag's configuration for one environment. */
  rulesPerConfiguration: 200,
  /** Conditions in one rule or one segment. */
  conditionsPerRule: 50,
  /** Conditions across all rules of one configuration; each costs the evaluator a fixed overhead. */
  conditionsPerConfiguration: 250,
  /** Values of one condition (an `in` list, segment keys of `in_segment`, patterns of `matches`). */
  valuesPerCondition: 1000,
  /** Condition values across all rules of one configuration, or all conditions of one segment. */
  valuesPerConfiguration: 1000,
  /** `matches` patterns across one configuration or one segment; the costliest operator. */
  patternsPerConfiguration: 10,
  /** Distinct segments one configuration refers to; each is evaluated in full for every context. */
  segmentsPerConfiguration: 3,
  /** Characters of one condition value (as JSON when it is not a string); `contains` scans for each. */
  conditionValueLength: 256,
  /** Individual target lists of one configuration (one per variation is all a flag needs). */
  targetsPerConfiguration: 100,
  /** Context keys across the individual targets of one configuration, or a segment's included and excluded. */
  targetKeys: 10_000,
  /** Characters of a context key in targets and segments, of an attribute name and of a rule id. */
  contextKeyLength: 256,
  /** Prerequisites of one configuration. */
  prerequisites: 50,
  /** Characters of a flag, variation or segment key. */
  keyLength: 128,
  /** Characters of a display name (flag, segment, project, organization, user). */
  nameLength: 200,
  /** Characters of a description (flag, segment, rule). */
  descriptionLength: 4096,
  /** Tags on one flag. */
  tagsPerFlag: 50,
  /** Characters of one tag. */
  tagLength: 64,
  /** Characters of a flag's owner. */
  ownerLength: 256,
  /** Variations of one flag (a boolean flag has exactly two). */
  variationsPerFlag: 100,
  /** Bytes of one variation's value as JSON. */
  variationValueBytes: 32 * 1024,
  /** Attributes of one evaluation context; contexts come from public `pk_` clients too. */
  contextAttributes: 100,
  /** Characters of one string in an evaluation context; string operators scan it once per condition value. */
  contextValueLength: 1024,
  /** Items of one list attribute of an evaluation context; operators apply to each item. */
  contextListLength: 100,
  /** Bytes of one evaluation context as JSON, nested attributes included. */
  contextBytes: 32 * 1024,
} as const;

/** The caps, by name. */
export type Limits = typeof LIMITS;

/** Refuses a string longer than `max` characters, naming the field and the cap. */
export function checkLength(field: string, value: string | null | undefined, max: number): void {
  if (value != null && value.length > max)
    throw DomainError.validation({ [field]: [`must be at most ${max} characters (it has ${value.length})`] });
}

/** Refuses a list (or a total) of more than `max` items, naming the field and the cap. */
export function checkCount(field: string, count: number, max: number, what = 'items'): void {
  if (count > max)
    throw DomainError.validation({ [field]: [`must hold at most ${max} ${what} (it has ${count})`] });
}

/**
 * Refuses an evaluation context the evaluator would have to work too hard on: the caps above apply to
 * what is stored, these to what every SDK request brings (`VALIDATION_FAILED` naming the attribute).
 */
export function checkEvaluationContext(context: Record<string, unknown>, field = 'context'): void {
  const attributes = Object.entries(context);
  checkCount(field, attributes.length, LIMITS.contextAttributes, 'attributes');
  const bytes = Buffer.byteLength(JSON.stringify(context));
  if (bytes > LIMITS.contextBytes)
    throw DomainError.validation({
      [field]: [`must be at most ${LIMITS.contextBytes} bytes as JSON (it has ${bytes})`],
    });
  for (const [name, value] of attributes) {
    checkLength(`${field}.${name}`, name, LIMITS.contextKeyLength);
    if (typeof value === 'string') checkLength(`${field}.${name}`, value, LIMITS.contextValueLength);
    if (Array.isArray(value)) {
      checkCount(`${field}.${name}`, value.length, LIMITS.contextListLength);
      for (const [index, item] of value.entries())
        if (typeof item === 'string')
          checkLength(`${field}.${name}.${index}`, item, LIMITS.contextValueLength);
    }
  }
}
