import { textProblem } from './storable-text.js';

describe('textProblem', () => {
  it('accepts any Unicode text, astral characters included', () => {
    expect(textProblem('plain ascii')).toBeUndefined();
    expect(textProblem('émoji 🚀 and 中文')).toBeUndefined();
  });

  it('refuses NUL, which PostgreSQL cannot store', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
  });

  it('refuses a lone high or low surrogate, which has no UTF-8 encoding', () => {
    expect(textProblem('a\ud800')).toMatch(/surrogate/);
    expect(textProblem('\udc00b')).toMatch(/surrogate/);
    expect(textProblem('\udc00\ud800')).toMatch(/surrogate/);
  });
});
