/** The words staff look for in inbound items (subject, sender, opinions, attachment text), one schema for the page and the API. */
import * as v from 'valibot';
import { message } from '../../lib/validation';

export const SEARCH_MAX_CHARS = 100;

export const inboundSearchSchema = v.object({ q: v.pipe(v.string(), v.trim(), v.maxLength(SEARCH_MAX_CHARS, message('validation.tooLong'))) });
