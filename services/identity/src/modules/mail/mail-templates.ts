import type { OutgoingMail } from './mail.transport.js';

/** The password-reset mail: a single-use link valid for `minutes`. */
export function passwordResetMail(to: string, link: string, token: string, minutes: number): OutgoingMail {
  return {
    to,
    template: 'password_reset',
    subject: 'Reset your Vexil password',
    body: `Someone asked to reset the password of your Vexil account. If it was you, open\n\n${link}\n\nwithin ${minutes} minutes. Otherwise ignore this mail; your password stays as it is.`,
    data: { link, token },
  };
}

/** The mail that confirms an address belongs to the account holder. */
export function emailVerificationMail(to: string, link: string, token: string): OutgoingMail {
  return {
    to,
    template: 'email_verification',
    subject: 'Confirm your email address for Vexil',
    body: `Open this link to confirm your email address:\n\n${link}`,
    data: { link, token },
  };
}

/** The invitation to join an organization. */
export function invitationMail(
  to: string,
  organizationName: string,
  role: string,
  link: string,
  token: string,
): OutgoingMail {
  return {
    to,
    template: 'invitation',
    subject: `You are invited to ${organizationName} on Vexil`,
    body: `You have been invited to join ${organizationName} as ${role}. Sign in (or register) with this address and open\n\n${link}\n\nto accept.`,
    data: { link, token, organization: organizationName, role },
  };
}

/** The code that completes a signup, valid for `minutes`. */
export function signupCodeMail(to: string, code: string, minutes: number): OutgoingMail {
  return {
    to,
    template: 'signup_code',
    subject: `${code} is your Vexil verification code`,
    body: `Enter ${code} to finish creating your Vexil account. The code is valid for ${minutes} minutes. If you did not sign up, ignore this mail.`,
    data: { code },
  };
}
