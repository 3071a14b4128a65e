import { isUsablePattern } from '@vexil/evaluation';
import { fromPhpPattern, toPhpPattern } from './php-pattern.js';

describe('PHP patterns', () => {
  it('reads the package’s delimiters and modifiers as the engine’s pattern, and writes them back', () => {
    const cases: [php: string, vexil: string, back: string][] = [
      ['/^pro/', '^pro', '/^pro/'],
      ['/^\\/api\\/v1/', '^/api/v1', '/^\\/api\\/v1/'],
      ['#^/api#', '^/api', '/^\\/api/'],
      ['#a\\#b#', 'a#b', '/a#b/'],
      ['|a\\|b|', 'a\\|b', '/a\\|b/'],
      ['{^(a|b)$}', '^(a|b)$', '/^(a|b)$/'],
      ['/^pro/i', '/^pro/i', '/^pro/i'],
      ['#^/api#iu', '/^\\/api/iu', '/^\\/api/iu'],
      // A bare pattern that looks delimited to the engine keeps its slashes as text.
      ['#/x/#', '/\\/x\\//', '/\\/x\\//'],
    ];
    for (const [php, vexil, back] of cases) {
      expect([php, fromPhpPattern(php)]).toEqual([php, vexil]);
      expect([php, toPhpPattern(vexil)]).toEqual([php, back]);
      expect([php, isUsablePattern(vexil)]).toEqual([php, true]);
    }
  });

  it('refuses a pattern without delimiters, unclosed, or with modifiers the engine does not honour', () => {
    for (const php of ['^pro', 'apro', '/^pro', '/^pro/x', '/^pro/e', '\\pro\\', ' pro '])
      expect([php, fromPhpPattern(php)]).toEqual([php, null]);
  });
});
