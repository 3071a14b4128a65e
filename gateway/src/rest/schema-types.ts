import { Type, type TSchema } from '@sinclair/typebox';

/** A schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An instant, as every dialect writes it (ISO 8601). */
export const Timestamp = Type.String({ format: 'date-time' });

/** Any JSON value a flag can serve. */
export const FlagValue = Type.Unknown({
  description: 'any JSON value: boolean, string, number, object or list',
});
