import { DomainError } from '@vexil/platform';

type Data = Record<string, any>;

/**
 * The `CreateFlagInput` of a FeatureSignals flag (routes.md §1.3). A boolean flag gets Vexil's `on`/`off`
 * and serves `false` when off, so its `default_value` can only be false; any other flag gets one
 * variation, its `default_value`, which it serves until a state says otherwise. An `ab` flag is a
 * multivariate flag of any JSON values: its state's `variants` add theirs (routes.md §1.6 step 8).
 */
export function toCreateFlagInput(body: Data): Data {
  // FeatureSignals makes a flag without a type boolean.
  const flagType = body.flag_type ?? 'boolean';
  const boolean = flagType === 'boolean';
  if (boolean && body.default_value !== undefined && body.default_value !== false) {
    throw DomainError.validation({
      default_value: ['a boolean flag is false while off; turn it on per environment instead'],
    });
  }
  return {
    key: body.key,
    name: body.name,
    description: body.description,
    type: flagType === 'ab' ? 'json' : flagType,
    tags: body.tags,
    expiresAt: body.expires_at,
    values: boolean || body.default_value === undefined ? undefined : [body.default_value],
  };
}

/** A Vexil flag as FeatureSignals' `FlagResponse`; `default_value` is what it serves when off. */
export function toFlagResponse(flag: Data): Data {
  const { variations, type, archived, ...rest } = flag;
  return {
    ...rest,
    flag_type: type,
    default_value: type === 'boolean' ? false : ((variations as Data[])[0]?.value ?? null),
    status: archived ? 'archived' : flag.status,
  };
}
