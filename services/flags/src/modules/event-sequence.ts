import { GraphQLSafeInt } from 'graphql-scalars';
import { Arg, Field } from 'type-graphql';

/**
 * `sequence` on every subscription payload: the position of its event in this service's commit order
 * (the outbox `seq`), growing with every change.
 */
export const SequenceField = (): PropertyDecorator & MethodDecorator =>
  Field(() => GraphQLSafeInt, {
    description:
      'Position of the change in commit order; grows with every change. Send the last one you received as `after` when you subscribe again.',
  });

/**
 * `after` on every subscription. The gateway answers it (docs/decisions/0001): it first replays the
 * changes committed after that sequence, so a client that reconnects misses nothing.
 */
export const AfterArg = (): ReturnType<typeof Arg> =>
  Arg('after', () => GraphQLSafeInt, {
    nullable: true,
    description: 'Resume: first receive the changes committed after this `sequence`, then live ones.',
  });
