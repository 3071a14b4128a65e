/** Whether `value` is a non-null, non-array object; the engine reads rulesets defensively with this. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
