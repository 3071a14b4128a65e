import { decodeValues, encodeValues } from './shared-platform.js';

describe('values crossing to a shared platform and back', () => {
  it('keep dates and 64-bit integers, as a platform of the file’s own answers them', () => {
    const rows = [
      { created_at: new Date('2026-01-02T03:04:05.678Z'), n: 9007199254740993n, data: { token: 't' } },
      { created_at: null, n: 1n, data: null },
    ];
    const decoded = decodeValues<typeof rows>(encodeValues(rows));
    expect(decoded).toEqual(rows);
    expect(decoded[0]!.created_at).toBeInstanceOf(Date);
  });

  it('leave strings that look like dates alone', () => {
    expect(decodeValues(encodeValues({ at: '2026-01-02T03:04:05.678Z' }))).toEqual({
      at: '2026-01-02T03:04:05.678Z',
    });
  });
});
