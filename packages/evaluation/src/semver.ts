/** A parsed semantic version; numeric parts are kept as digit strings so that no size loses precision. */
export interface SemanticVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
}

const SEMVER =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * Parses a version leniently: a leading `v` and missing minor or patch parts are accepted (`v2` is 2.0.0),
 * because app versions in contexts are rarely strict and FeatureFlags compares them with PHP's forgiving
 * `version_compare`. Build metadata is dropped, as semver precedence ignores it. Returns undefined otherwise.
 */
export function parseSemver(text: string): SemanticVersion | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  return {
    major: stripZeros(match[1] ?? '0'),
    minor: stripZeros(match[2] ?? '0'),
    patch: stripZeros(match[3] ?? '0'),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

/** Orders two versions by semver 2.0 precedence: negative, zero or positive. */
export function compareSemver(a: SemanticVersion, b: SemanticVersion): number {
  return (
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function comparePrerelease(a: string[], b: string[]): number {
  // A release outranks any of its pre-releases (semver 2.0 §11.3).
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) {
      const order = compareDigits(x, y);
      if (order !== 0) return order;
    } else if (xNumeric !== yNumeric) {
      return xNumeric ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}
