// Sends a mail fixture to the local hub's email() handler through wrangler's local email endpoint, as Email Routing
// would in production: fills its placeholders ({{FROM}}, {{TO}}, a fresh {{ID}}, and for calendar replies {{UID}} and
// {{PARTSTAT}}), then POSTs it to /cdn-cgi/local/email?from=…&to=… (the `+` of reply+… addresses percent-encoded).
//
//   node scripts/send-mail.mjs tests/fixtures/mail/qq-gbk-base64.eml --from <invitee> --to <reply+…@INBOUND_DOMAIN>
//   node scripts/send-mail.mjs tests/fixtures/mail/outlook-imip-reply.eml --from <invitee> --to <meeting+…> --uid <UID> --partstat ACCEPTED
//
// Options: --url (default http://localhost:8787). Prints the endpoint's answer; the result shows on /dev/mail.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fillFixture } from '../tests/fixtures/mail/fill.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, uid: { type: 'string' }, partstat: { type: 'string' }, url: { type: 'string', default: 'http://localhost:8787' } },
});
const [file] = positionals;
if (!file || !values.from || !values.to) {
  console.error('usage: node scripts/send-mail.mjs <fixture.eml> --from <address> --to <address> [--uid <UID> --partstat ACCEPTED|TENTATIVE|DECLINED] [--url http://localhost:8787]');
  process.exit(2);
}
const raw = fillFixture(readFileSync(file, 'latin1'), { from: values.from, to: values.to, uid: values.uid, partstat: values.partstat });
const endpoint = `${values.url.replace(/\/$/, '')}/cdn-cgi/local/email?${new URLSearchParams({ from: values.from, to: values.to })}`;
const res = await fetch(endpoint, { method: 'POST', body: Buffer.from(raw, 'latin1') });
console.log(res.status, await res.text());
process.exit(res.ok ? 0 : 1);
