import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMITS } from './limits.js';

test('the README’s Limits table lists every cap with its number, and nothing else', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
  const section = readme.split('\n## Limits\n')[1]?.split('\n## ')[0] ?? '';
  const rows = [...section.matchAll(/^\| `(\w+)`\s*\| (\d+)\s*\|/gm)].map(([, name, limit]) => [
    name,
    Number(limit),
  ]);
  expect(Object.fromEntries(rows)).toEqual(LIMITS);
  expect(rows).toHaveLength(Object.keys(LIMITS).length);
});
