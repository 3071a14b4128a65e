import { Field, ObjectType } from 'type-graphql';

/** The outcome of an action whose only result is a sentence for the person who asked. */
@ObjectType('Message', { description: 'A human-readable outcome of an action.' })
export class MessagePayload {
  @Field(() => String, { description: 'What happened, or what to do next.' })
  message!: string;
}

/** A {@link MessagePayload}. */
export function message(text: string): MessagePayload {
  return Object.assign(new MessagePayload(), { message: text });
}
