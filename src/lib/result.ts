/** Expected failures are values: a service returns `fail('round_closed')`, the route maps the code once. */
export type FieldErrors = Record<string, string>;

export type Ok<T> = { ok: true; value: T };
export type Fail<E extends string> = { ok: false; error: E; fields?: FieldErrors };
export type Result<T, E extends string = string> = Ok<T> | Fail<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <E extends string>(error: E, fields?: FieldErrors): Fail<E> =>
  fields ? { ok: false, error, fields } : { ok: false, error };
