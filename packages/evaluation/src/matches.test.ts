import { isSafePattern } from './operators/matches.js';

describe('isSafePattern', () => {
  test.each([
    ['^[a-z]+@acme\\.com$'],
    ['^(?:ab)+$'],
    ['^(www\\.)?(foo|bar)?$'],
    ['(ab){2}'],
    ['a{2,5}b'],
    ['[(+*)]+'],
    ['(?<year>\\d{4})-\\d{2}'],
    ['foo|bar'],
  ])('accepts %s', (pattern) => {
    expect(isSafePattern(pattern)).toBe(true);
  });

  test.each([
    ['(a+)+$'],
    ['(a*)*'],
    ['(a*){2}'],
    ['(a|aa)*$'],
    ['((a|b))+'],
    ['(x(a|b)y)+'],
    ['(a)\\1'],
    ['(?<n>x)\\k<n>'],
    ['a?a?a?a?a?a?a?a?a?aaaaaaaaa'],
    ['(unbalanced'],
    ['unbalanced)'],
    ['[unclosed'],
  ])('refuses %s', (pattern) => {
    expect(isSafePattern(pattern)).toBe(false);
  });
});
