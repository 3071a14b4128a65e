import { slugify } from './slugify.js';

describe('slugify', () => {
  it.each([
    ['My Company', 'my-company'],
    ['  Ünïcode Café  ', 'unicode-cafe'],
    ['a -- b', 'a-b'],
    ['!!!', 'org'],
  ])('%p → %p', (name, slug) => expect(slugify(name)).toBe(slug));
});
