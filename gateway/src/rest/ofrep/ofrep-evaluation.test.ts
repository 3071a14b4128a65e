import { evaluate, type EvaluationContext, type FlagConfig } from '@vexil/evaluation';
import { ofrepEvaluation, ofrepStatus } from './ofrep-evaluation.js';

const flag = (overrides: Partial<FlagConfig> = {}): FlagConfig => ({
  key: 'f',
  type: 'string',
  variations: [
    { key: 'light', value: 'light' },
    { key: 'dark', value: 'dark' },
  ],
  enabled: true,
  offVariation: 'light',
  targets: [],
  rules: [],
  defaultServe: { variation: 'dark' },
  prerequisites: [],
  bucketing: { scheme: 'vexil' },
  version: 3,
  ...overrides,
});

/** Serves `light` to the `pro` plan by the rule `pro`. */
const ruled = flag({
  rules: [
    {
      id: 'pro',
      match: 'all',
      conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
      serve: { variation: 'light' },
    },
  ],
});

/** The OFREP rendering of evaluating `config` (and any other flags) for a context. */
function rendered(config: FlagConfig, context: EvaluationContext = { key: 'u' }, others: FlagConfig[] = []) {
  const flags = Object.fromEntries([config, ...others].map((one) => [one.key, one]));
  const result = evaluate({ flags, segments: {} }, config.key, context, { now: new Date(0) });
  return ofrepEvaluation(result, config);
}

describe('ofrepEvaluation', () => {
  it('calls a default serve no context can change STATIC, with the variation and the configuration version', () => {
    expect(rendered(flag())).toEqual({
      key: 'f',
      value: 'dark',
      reason: 'STATIC',
      variant: 'dark',
      metadata: { version: 3 },
    });
  });

  it('keeps DEFAULT when targets, rules, prerequisites or a rollout could have served otherwise', () => {
    const targeted = flag({ targets: [{ variation: 'light', values: ['vip'] }] });
    const gated = flag({ prerequisites: [{ flagKey: 'gate', variation: 'dark' }] });
    const gate = flag({ key: 'gate' });
    const rollout = flag({
      defaultServe: { rollout: [{ variation: 'dark', weight: 0 }], remainder: 'offVariation' },
    });
    expect(rendered(targeted)).toMatchObject({ reason: 'DEFAULT', value: 'dark' });
    expect(rendered(ruled)).toMatchObject({ reason: 'DEFAULT', value: 'dark' });
    expect(rendered(gated, { key: 'u' }, [gate])).toMatchObject({ reason: 'DEFAULT', value: 'dark' });
    expect(rendered(rollout)).toMatchObject({ reason: 'DEFAULT', value: 'light' });
  });

  it('passes the engine’s other reasons through, with the deciding rule in the metadata', () => {
    expect(rendered(ruled, { key: 'u', plan: 'pro' })).toEqual({
      key: 'f',
      value: 'light',
      reason: 'TARGETING_MATCH',
      variant: 'light',
      metadata: { version: 3, ruleId: 'pro' },
    });
    expect(rendered(flag({ enabled: false }))).toMatchObject({ reason: 'DISABLED', value: 'light' });
    const split = flag({ defaultServe: { rollout: [{ variation: 'light', weight: 10_000 }] } });
    expect(rendered(split)).toMatchObject({ reason: 'SPLIT', value: 'light' });
    const gated = flag({ prerequisites: [{ flagKey: 'gate', variation: 'dark' }] });
    expect(rendered(gated, { key: 'u' }, [flag({ key: 'gate', enabled: false })])).toMatchObject({
      reason: 'PREREQUISITE_FAILED',
      value: 'light',
    });
  });

  it('renders a flag that cannot be evaluated as a failure: 404 when missing, 400 otherwise', () => {
    const missing = ofrepEvaluation(
      evaluate({ flags: {}, segments: {} }, 'nope', { key: 'u' }, { now: new Date(0) }),
      undefined,
    );
    expect(missing).toEqual({ key: 'nope', errorCode: 'FLAG_NOT_FOUND', errorDetails: expect.any(String) });
    expect(ofrepStatus(missing)).toBe(404);

    const mistyped = rendered(flag({ type: 'number' }));
    expect(mistyped).toEqual({ key: 'f', errorCode: 'TYPE_MISMATCH', errorDetails: expect.any(String) });
    expect(ofrepStatus(mistyped)).toBe(400);
    expect(ofrepStatus(rendered(flag()))).toBe(200);
  });
});
