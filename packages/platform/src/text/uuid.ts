const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value can be an id: every id Vexil stores is a PostgreSQL `uuid`. */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
