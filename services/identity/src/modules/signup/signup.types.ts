import { Field, InputType, Int, ObjectType } from 'type-graphql';

/** What starting a signup (or asking for another code) answers. */
@ObjectType({ description: 'A signup code was mailed.' })
export class SignupCodeSent {
  @Field(() => String, { description: 'What happened, for people.' })
  message!: string;

  @Field(() => Int, { description: 'Seconds the code is valid.' })
  expiresIn!: number;
}

/** A signup: the account to create once the mailed code comes back. */
@InputType({ description: 'The account to create once the mailed code is given back.' })
export class SignupInput {
  @Field(() => String, { description: 'Email address, unique; the code is mailed there.' })
  email!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  password!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Name of the organization to create.' })
  organizationName!: string;
}
