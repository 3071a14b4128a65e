import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bucket } from './bucketing.js';
import { evaluate } from './evaluate.js';
import type { BucketingScheme, EvaluationContext, EvaluationResult, FlagConfig, Segment } from './types.js';

interface EvaluationCase {
  name: string;
  flag: FlagConfig;
  flags?: Record<string, FlagConfig>;
  segments?: Record<string, Segment>;
  flagKey?: string;
  context: EvaluationContext;
  now?: string;
  expected: Omit<EvaluationResult, 'flagKey' | 'errorMessage'>;
}

interface PinnedBucket {
  scheme: BucketingScheme;
  flagKey: string;
  value: string;
  seed?: string;
  bucket: number;
}

interface CasesFile {
  version: number;
  defaultNow: string;
  buckets: PinnedBucket[];
  cases: EvaluationCase[];
}

const file = JSON.parse(
  readFileSync(fileURLToPath(new URL('../test/cases.json', import.meta.url)), 'utf8'),
) as CasesFile;

test('cases.json is version 1 and holds at least 200 cases', () => {
  expect(file.version).toBe(1);
  expect(file.cases.length).toBeGreaterThanOrEqual(200);
});

describe('pinned buckets', () => {
  test.each(
    file.buckets.map(
      (row) =>
        [
          `${row.scheme} ${JSON.stringify(row.flagKey)} ${JSON.stringify(row.value)}${row.seed === undefined ? '' : ` seed ${JSON.stringify(row.seed)}`} → ${row.bucket}`,
          row,
        ] as const,
    ),
  )('%s', (_name, row) => {
    expect(bucket(row.scheme, row.flagKey, row.value, row.seed)).toBe(row.bucket);
  });
});

describe('evaluation cases', () => {
  test.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const flags = { ...c.flags, [c.flag.key]: c.flag };
    const ruleset = { flags, segments: c.segments ?? {} };
    const flagKey = c.flagKey ?? c.flag.key;
    const result = evaluate(ruleset as never, flagKey, c.context, {
      now: new Date(c.now ?? file.defaultNow),
    });
    const { errorMessage, ...comparable } = result;
    expect(comparable).toEqual({ flagKey, ...c.expected });
    expect(errorMessage !== undefined).toBe(result.reason === 'ERROR');
  });
});
