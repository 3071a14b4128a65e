import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { User } from './user.entity.js';

/** A person with a Vexil account. */
@Directive('@key(fields: "id")')
@ObjectType('User', { description: 'A person with a Vexil account.' })
export class UserType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Sign-in email, unique.' })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => Boolean, { description: 'Whether the email address has been confirmed.' })
  emailVerified!: boolean;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the account last changed.' })
  updatedAt!: Date;
}

/** The GraphQL view of a user entity; the password hash never leaves the entity. */
export function toUserType(user: User): UserType {
  return Object.assign(new UserType(), {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  });
}
