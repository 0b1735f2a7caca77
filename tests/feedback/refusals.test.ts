import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { responses } from '../../src/db/schema';
import { FEEDBACK_LINK_LIMIT } from '../../src/lib/public-form-limit';
import { postForm, testDeps } from '../helpers';
import { exhaustLinkLimit } from '../rate-limits';
import { aRound, anInvitation } from './factories';

describe('a personal link over its rate limit', () => {
  it('re-renders the form with everything typed and the limit, saving nothing', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const section = round.section('五（二）1');
    await exhaustLinkLimit('feedback', link.token, FEEDBACK_LINK_LIMIT);

    const res = await postForm(link.path, { action: 'submit', [`s_${section.id}`]: '刚写好的一段意见。', whole: '总体同意。', stance: 'amend' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(FEEDBACK_LINK_LIMIT.windowMinutes * 60));
    const html = await res.text();
    expect(html).toContain(`最多提交 ${FEEDBACK_LINK_LIMIT.limit} 次`);
    expect(html).toContain('您填写的内容都保留在下面');
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="s_${section.id}"[^>]*>刚写好的一段意见。</textarea>`));
    expect(html).toMatch(/<textarea[^>]*name="whole"[^>]*>总体同意。<\/textarea>/);
    expect(html).toContain('value="amend" checked');
    expect(await testDeps().db.$count(responses, eq(responses.invitationId, link.id))).toBe(0);

    const autosave = await postForm(`${link.path}/autosave`, { whole: '还在写。' });
    expect(autosave.status).toBe(429);
    expect(await autosave.json()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
