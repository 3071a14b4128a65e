import type { FlagConfig, Ruleset } from '@vexil/evaluation';
import type { CachedRuleset } from '../../edge/ruleset-cache.js';
import { featureFlagsSync } from './featureflags-renderer.js';

const boolean = (overrides: Partial<FlagConfig>): FlagConfig => ({
  key: 'f',
  type: 'boolean',
  variations: [
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
  enabled: true,
  offVariation: 'off',
  targets: [],
  rules: [],
  defaultServe: { variation: 'on' },
  prerequisites: [],
  bucketing: { scheme: 'featureflags' },
  ...overrides,
});

const environment = (flags: FlagConfig[], segments: Ruleset['segments'] = {}): CachedRuleset => ({
  environmentId: 'e',
  environmentKey: 'production',
  projectId: 'p',
  organizationId: 'o',
  ruleset: { flags: Object.fromEntries(flags.map((flag) => [flag.key, flag])), segments },
  flags: {},
});

const rendered = (flag: FlagConfig) => featureFlagsSync(environment([flag])).flags[0]!;

describe('featureFlagsSync', () => {
  it('turns a rule over several values into the package’s ANDed single-value conditions', () => {
    const flag = rendered(
      boolean({
        rules: [
          {
            id: 'r',
            match: 'all',
            conditions: [
              { attribute: 'country', operator: 'eq', values: ['US', 'CA'] },
              { attribute: 'email', operator: 'endsWith', values: ['@a.com', '@b.com'] },
              { attribute: 'app', operator: 'semver_eq', values: ['2.0.0'] },
              { attribute: 'name', operator: 'not_contains', values: ['test', 'bot'] },
              { attribute: 'path', operator: 'regex', values: ['^/api/v1'] },
            ],
            serve: { variation: 'on' },
          },
        ],
      }),
    );
    const common = [
      { trait: 'country', operator: 'in', value: ['US', 'CA'] },
      { trait: 'app', operator: 'semver_gte', value: '2.0.0' },
      { trait: 'app', operator: 'semver_lte', value: '2.0.0' },
      { trait: 'name', operator: 'not_contains', value: 'test' },
      { trait: 'name', operator: 'not_contains', value: 'bot' },
      { trait: 'path', operator: 'matches_regex', value: '/^\\/api\\/v1/' },
    ];
    // One rule per value of `ends_with`, which holds for any of them; same priority, in order.
    expect(flag.rules).toEqual(
      ['@a.com', '@b.com'].map((suffix) => ({
        priority: 1,
        conditions: expect.arrayContaining([
          ...common,
          { trait: 'email', operator: 'ends_with', value: suffix },
        ]),
        value: true,
      })),
    );
    expect(flag.rules.every((rule) => rule.conditions.length === common.length + 1)).toBe(true);
  });

  it('spreads an `any` rule over one rule per condition', () => {
    const flag = rendered(
      boolean({
        rules: [
          {
            id: 'r',
            match: 'any',
            conditions: [
              { attribute: 'plan', operator: 'equals', values: ['pro'] },
              { attribute: 's', operator: 'in_segment', values: ['beta'] },
            ],
            serve: { variation: 'off' },
          },
        ],
      }),
    );
    expect(flag.rules).toEqual([
      { priority: 1, conditions: [{ trait: 'plan', operator: 'equals', value: 'pro' }], value: false },
      { priority: 1, conditions: [{ type: 'segment', segment: 'beta' }], value: false },
    ]);
  });

  it('claims a percentage only where the package splits users as Vexil does', () => {
    const split = (on: number) => ({
      rollout: [
        { variation: 'on', weight: on },
        { variation: 'off', weight: 10_000 - on },
      ],
    });
    expect(rendered(boolean({ defaultServe: split(2500) }))).toMatchObject({
      default_value: true,
      rollout_percentage: 25,
    });
    expect(rendered(boolean({ defaultServe: split(29) }))).toMatchObject({ rollout_percentage: 0.29 });
    // Another hash, another attribute, the "in" side second, or a percentage the package's float
    // comparison would misplace: the heaviest side for everyone.
    for (const flag of [
      boolean({ defaultServe: split(2500), bucketing: { scheme: 'vexil' } }),
      boolean({ defaultServe: split(2500), bucketing: { scheme: 'featureflags', attribute: 'orgId' } }),
      boolean({
        defaultServe: {
          rollout: [
            { variation: 'off', weight: 7500 },
            { variation: 'on', weight: 2500 },
          ],
        },
      }),
      boolean({ defaultServe: split(7) }),
    ])
      expect(rendered(flag)).toMatchObject({ default_value: false, rollout_percentage: null });
    // A partial rollout whose uncovered buckets get the off value `false` is the package's rollout.
    expect(
      rendered(
        boolean({
          defaultServe: { rollout: [{ variation: 'on', weight: 1000 }], remainder: 'offVariation' },
        }),
      ),
    ).toMatchObject({ default_value: true, rollout_percentage: 10 });
    // The package's own edges: 0 % (the "in" slice weighs nothing: false for everyone) and 100 %.
    expect(rendered(boolean({ defaultServe: split(0) }))).toMatchObject({
      default_value: true,
      rollout_percentage: 0,
    });
    expect(
      rendered(boolean({ defaultServe: { rollout: [{ variation: 'on', weight: 10_000 }] } })),
    ).toMatchObject({ default_value: true, rollout_percentage: 100 });
  });

  it('keeps the percentage of a disabled flag while its value is the off value, which the package serves', () => {
    const split = {
      rollout: [
        { variation: 'on', weight: 2500 },
        { variation: 'off', weight: 7500 },
      ],
    };
    expect(rendered(boolean({ enabled: false, offVariation: 'on', defaultServe: split }))).toMatchObject({
      enabled: false,
      default_value: true,
      rollout_percentage: 25,
    });
    // Off at false, on at 25 % of true: while off, the package only needs `default_value: false`.
    expect(rendered(boolean({ enabled: false, defaultServe: split }))).toMatchObject({
      default_value: false,
      rollout_percentage: null,
    });
  });

  it('serves the off value as default_value while off, and renders prerequisites as dependencies', () => {
    const gate = boolean({ key: 'gate' });
    const flag = boolean({
      enabled: false,
      prerequisites: [{ flagKey: 'gate', variation: 'off' }],
    });
    const sync = featureFlagsSync(environment([gate, flag]));
    expect(sync.flags[1]).toMatchObject({
      enabled: false,
      default_value: false,
      dependencies: [{ flag_key: 'gate', required_value: false }],
    });
  });

  it('renders segments as rules the package ORs, and one without conditions as never matching', () => {
    const { segments } = featureFlagsSync(
      environment([], {
        beta: {
          key: 'beta',
          match: 'all',
          conditions: [{ attribute: 'plan', operator: 'in', values: ['pro', 'team'] }],
          included: [],
          excluded: [],
        },
        listed: { key: 'listed', match: 'all', conditions: [], included: ['u1'], excluded: [] },
      }),
    );
    expect(segments).toEqual([
      { key: 'beta', rules: [{ conditions: [{ trait: 'plan', operator: 'in', value: ['pro', 'team'] }] }] },
      { key: 'listed', rules: [] },
    ]);
  });
});
