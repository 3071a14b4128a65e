import type { FlagType, Variation } from '@vexil/evaluation';
import { checkLength, DomainError, LIMITS } from '@vexil/platform';

/** The flag types Vexil serves. */
export const FLAG_TYPES: readonly FlagType[] = ['boolean', 'string', 'number', 'json'];

const KEY = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${LIMITS.keyLength - 1}}$`);

/** A boolean flag's variations when none are given. */
export const BOOLEAN_VARIATIONS: Variation[] = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

const isOfType = (type: FlagType, value: unknown) =>
  type === 'boolean'
    ? typeof value === 'boolean'
    : type === 'string'
      ? typeof value === 'string'
      : type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : value !== undefined;

/**
 * Checks a flag's variations against its type: a boolean flag has exactly two, `true` and `false`
 * (`VARIATION_COUNT_INVALID` otherwise); other types at least one; keys unique; values of the type.
 */
export function validateVariations(type: FlagType, variations: Variation[]): Variation[] {
  if (type === 'boolean') {
    const values = variations.map((v) => v.value);
    if (variations.length !== 2 || !values.includes(true) || !values.includes(false)) {
      throw new DomainError(
        'VARIATION_COUNT_INVALID',
        'a boolean flag has exactly two variations: true and false',
      );
    }
  } else if (variations.length < 1 || variations.length > LIMITS.variationsPerFlag) {
    throw new DomainError(
      'VARIATION_COUNT_INVALID',
      `a flag has between 1 and ${LIMITS.variationsPerFlag} variations`,
    );
  }
  const keys = new Set<string>();
  for (const [index, variation] of variations.entries()) {
    checkVariationKey(`variations.${index}.key`, variation.key);
    if (keys.has(variation.key))
      throw DomainError.validation({ [`variations.${index}.key`]: [`"${variation.key}" is used twice`] });
    checkValue(`variations.${index}.value`, type, variation.value);
    checkLength(`variations.${index}.name`, variation.name, LIMITS.nameLength);
    keys.add(variation.key);
  }
  return variations.map(({ key, value, name }) => ({ key, value, ...(name ? { name } : {}) }));
}

/** Checks a value a flag of `type` would serve: of that type, and within the size cap. */
export function checkValue(field: string, type: FlagType, value: unknown): void {
  if (!isOfType(type, value)) throw DomainError.validation({ [field]: [`must be a ${type}`] });
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > LIMITS.variationValueBytes) {
    throw DomainError.validation({
      [field]: [`must be at most ${LIMITS.variationValueBytes} bytes as JSON (it has ${bytes})`],
    });
  }
}

/** Checks the key of a variation. */
export function checkVariationKey(field: string, key: string): void {
  if (!KEY.test(key)) throw DomainError.validation({ [field]: ['must be letters, digits, `.`, `_` or `-`'] });
}

/** Whether a text can be a flag or variation key as it is. */
export const isKey = (text: string) => KEY.test(text);

/** Checks a flag key. */
export function validateFlagKey(key: string): string {
  if (!KEY.test(key))
    throw DomainError.validation({
      key: [
        `must be 1-${LIMITS.keyLength} letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit`,
      ],
    });
  return key;
}
