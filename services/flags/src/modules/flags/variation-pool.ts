import type { FlagType, Variation } from '@vexil/evaluation';
import { DomainError, LIMITS } from '@vexil/platform';
import { defaultsOf, type FlagWithDefaults } from '../flag-configs/config-snapshot.js';
import { checkValue, checkVariationKey, isKey } from './variations.js';

/** A variation named by key, by value, or both, or the flag's default; a null value names nothing. */
export interface VariationRef {
  variation?: string | null;
  value?: unknown;
  /** The flag's default variation when on (`defaultsOf`), for products whose rules may name none. */
  flagDefault?: boolean | null;
}

type PoolFlag = { key: string; type: FlagType; variations: readonly Variation[] } & Partial<
  Pick<FlagWithDefaults, 'onVariation' | 'offVariation'>
>;

// Values are the same when their JSON text is: what a client wrote is what it reads back, key order
// included, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are two variations.
const textOf = (value: unknown) => JSON.stringify(value);

/**
 * A flag's variations while a write names them: products such as FeatureSignals serve values, Vexil
 * serves variations, so a value is found among the variations or becomes a new one. What was added is
 * written with the change that named it, in its transaction.
 */
export class VariationPool {
  readonly variations: Variation[];

  constructor(private readonly flag: PoolFlag) {
    this.variations = [...flag.variations];
  }

  /** The variations this write adds. */
  get added(): Variation[] {
    return this.variations.slice(this.flag.variations.length);
  }

  /**
   * The key of the variation a reference names. A value is checked against the flag's type and reported
   * at `valueField`; with a key too, that key is created with the value or must already hold it. A key
   * alone is passed on as it is, for the configuration's validation to judge.
   */
  keyOf(valueField: string, { variation, value, flagDefault }: VariationRef): string {
    if (flagDefault)
      return defaultsOf({ onVariation: null, offVariation: null, ...this.flag, variations: this.variations })
        .on;
    if (value === undefined || value === null) return variation ?? '';
    checkValue(valueField, this.flag.type, value);
    const text = textOf(value);
    if (variation == null) {
      const same = this.variations.find((candidate) => textOf(candidate.value) === text);
      return same ? same.key : this.#add(this.#newKey(value), value);
    }
    const named = this.variations.find((candidate) => candidate.key === variation);
    if (!named) {
      checkVariationKey(valueField.replace(/value$/, 'variation'), variation);
      return this.#add(variation, value);
    }
    if (textOf(named.value) !== text) {
      throw DomainError.validation({
        [valueField]: [
          `variation "${variation}" of flag "${this.flag.key}" serves ${textOf(named.value)}; name another key for this value`,
        ],
      });
    }
    return variation;
  }

  #add(key: string, value: unknown): string {
    if (this.flag.type === 'boolean' || this.variations.length >= LIMITS.variationsPerFlag) {
      throw new DomainError(
        'VARIATION_COUNT_INVALID',
        this.flag.type === 'boolean'
          ? 'a boolean flag has exactly two variations: true and false'
          : `a flag has at most ${LIMITS.variationsPerFlag} variations`,
      );
    }
    this.variations.push({ key, value });
    return key;
  }

  /** A readable key for a new value: its own text where that can be a key, else a numbered one. */
  #newKey(value: unknown): string {
    const taken = new Set(this.variations.map((variation) => variation.key));
    const own =
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
            .replace(/[^A-Za-z0-9._-]+/g, '-')
            .replace(/^[^A-Za-z0-9]+|-+$/g, '')
            .slice(0, LIMITS.keyLength)
        : '';
    if (isKey(own) && !taken.has(own)) return own;
    for (let n = this.variations.length + 1; ; n++) if (!taken.has(`value-${n}`)) return `value-${n}`;
  }
}
