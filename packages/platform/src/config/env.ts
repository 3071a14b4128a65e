/** Raised at start when an environment variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Typed readers over `process.env` (or any record), each failing with the variable's name and what
 * it expects, so a misconfigured deployment stops at start with a message that says how to fix it.
 */
export function envReader(env: Env = process.env) {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  return {
    string(name: string, fallback?: string): string {
      const value = raw(name) ?? fallback;
      if (value === undefined) throw new ConfigError(`${name} is required`);
      return value;
    },
    optionalString(name: string): string | undefined {
      return raw(name);
    },
    integer(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
      const value = raw(name);
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
      }
      return parsed;
    },
    boolean(name: string, fallback: boolean): boolean {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      throw new ConfigError(`${name} must be true or false, got "${value}"`);
    },
    oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
      const value = raw(name) ?? fallback;
      if (!choices.includes(value as T)) {
        throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${value}"`);
      }
      return value as T;
    },
    url(name: string): string | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      try {
        new URL(value);
      } catch {
        throw new ConfigError(`${name} must be a URL, got "${value}"`);
      }
      return value;
    },
  };
}

export type EnvReader = ReturnType<typeof envReader>;
