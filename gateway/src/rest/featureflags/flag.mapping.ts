import { DomainError } from '@vexil/platform';

type Data = Record<string, any>;

/**
 * The `CreateFlagInput` of a flag the dashboard creates: bucketed as the package buckets (routes.md
 * §2.3), so its rollouts split users as the package would in every environment. A boolean flag starts
 * off serving `false`; any other starts with the one value it is given, which every environment serves
 * until configured.
 */
export function toCreateFlagInput(body: Data): Data {
  const type = body.type ?? 'boolean';
  const value = body.default_value;
  if (type === 'boolean' && value !== undefined && value !== false)
    throw DomainError.validation({
      default_value: ['must be false: a boolean flag starts off; set what it serves per environment'],
    });
  if (type !== 'boolean' && (value === undefined || value === null))
    throw DomainError.validation({
      default_value: [`is required for a ${type} flag: the value it starts with`],
    });
  return {
    key: body.key,
    name: body.name,
    description: body.description,
    type,
    values: type === 'boolean' ? undefined : [value],
    bucketing: { scheme: 'featureflags' },
  };
}
