/**
 * The configuration of the README's boolean example flag: `on` for `country` US, else a 25 % rollout
 * of `on` (the rest `off`).
 */
export const US_OR_QUARTER_ROLLOUT = {
  rules: [
    {
      id: 'us',
      match: 'all',
      conditions: [{ attribute: 'country', operator: 'equals', values: ['US'] }],
      serve: { variation: 'on' },
    },
  ],
  defaultServe: {
    rollout: [
      { variation: 'off', weight: 7500 },
      { variation: 'on', weight: 2500 },
    ],
  },
};
