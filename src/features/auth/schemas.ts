/** Inputs of the sign-in forms. */
import * as v from 'valibot';
import { message, trimmed } from '../../lib/validation';

/** RFC 5321 caps a forward path at 254 characters. */
export const EMAIL_MAX = 254;
/** randomToken() gives 43 characters; anything far longer is not ours. */
export const TOKEN_MAX = 200;

export const emailField = () =>
  v.pipe(
    trimmed(),
    v.nonEmpty(message('validation.required')),
    v.maxLength(EMAIL_MAX, message('validation.tooLong')),
    v.email(message('validation.email')),
    v.toLowerCase(),
  );

export const signInSchema = v.object({ email: emailField() });

export const verifySchema = v.object({ token: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(TOKEN_MAX)) });

/** Lower-cased and trimmed: one address whatever its letter case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
