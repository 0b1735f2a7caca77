/** Form bodies are read once, up front: one that cannot be read is a 400 with the usual error, never a 500 in a route. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { renderErrorPage } from '../ui/error-page';
import { apiError, isApiRequest } from './http';

const formMediaTypeRe = /^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

/**
 * A cut-off upload, a multipart body without its boundary or with a CR/LF inside a part header makes the runtime's
 * form parser throw. Hono keeps the parsed body (or its failure) for the request, so the routes' own `parseBody`
 * calls read the same result; parsing here first turns the failure into one answer for every form.
 */
export const readableFormBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !formMediaTypeRe.test(c.req.header('content-type') ?? '')) return next();
  try {
    await c.req.parseBody();
  } catch {
    if (isApiRequest(c)) return apiError(c, 400, 'malformed_body', 'error.malformed_body');
    return c.html(renderErrorPage(c, 'error.malformed_body.title', 'error.malformed_body'), 400);
  }
  return next();
};
