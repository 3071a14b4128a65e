import { open, seal } from './secret-box.js';

describe('secret box', () => {
  it('opens what it sealed, and nothing sealed with another key or altered', () => {
    const sealed = seal('JBSWY3DPEHPK3PXP', 'key');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open(sealed, 'key')).toBe('JBSWY3DPEHPK3PXP');
    expect(open(sealed, 'other-key')).toBeNull();
    const [version, iv, tag, data] = sealed.split('.');
    const flipped = `${data![0] === 'A' ? 'B' : 'A'}${data!.slice(1)}`;
    expect(open([version, iv, tag, flipped].join('.'), 'key')).toBeNull();
    expect(open('plain-text', 'key')).toBeNull();
  });
});
