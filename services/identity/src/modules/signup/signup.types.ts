import { Field, Int, ObjectType } from 'type-graphql';

/** What starting a signup (or asking for another code) answers. */
@ObjectType({ description: 'A signup code was mailed.' })
export class SignupCodeSent {
  @Field(() => String, { description: 'What happened, for people.' })
  message!: string;

  @Field(() => Int, { description: 'Seconds the code is valid.' })
  expiresIn!: number;
}
