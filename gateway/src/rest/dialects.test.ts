import { dialectOf } from './dialects.js';
import type { Dialect } from './rest-route.js';

const mounted = (name: string, ...mounts: string[]) => ({ name, mounts }) as unknown as Dialect;

describe('dialectOf', () => {
  const featureFlags = mounted('featureflags', '/api');
  const phaseFlag = mounted('phaseflag', '/api/v1');
  const registry = [featureFlags, phaseFlag];

  it('gives a path to the dialect with the longest mount it falls under, in any registry order', () => {
    for (const order of [registry, [...registry].reverse()]) {
      expect(dialectOf('/api/v1/flags', order)).toBe(phaseFlag);
      expect(dialectOf('/api/v1', order)).toBe(phaseFlag);
      expect(dialectOf('/api/flags', order)).toBe(featureFlags);
      expect(dialectOf('/api/v10/flags', order)).toBe(featureFlags);
    }
  });

  it('owns nothing outside the mounts', () => {
    expect(dialectOf('/apix', registry)).toBeUndefined();
    expect(dialectOf('/healthz', registry)).toBeUndefined();
  });

  it('tells the dialects served today apart', () => {
    expect(dialectOf('/v1/projects')?.name).toBe('featuresignals');
    expect(dialectOf('/flagify/v1/eval/flags')?.name).toBe('flagify');
    expect(dialectOf('/api/flags')?.name).toBe('featureflags');
    expect(dialectOf('/featureflags/v1/api/flags')?.name).toBe('featureflags');
    expect(dialectOf('/api/v1/evaluate')?.name).toBe('phaseflag');
    expect(dialectOf('/ofrep/v1/evaluate/flags')?.name).toBe('ofrep');
  });
});
