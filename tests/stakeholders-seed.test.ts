import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/dev/seed';
import { testDeps } from './helpers';

describe('demo stakeholders', () => {
  it('are loaded from the UTF-8 demo file once, however often the seed runs', async () => {
    await seedDemoData(testDeps());
    await seedDemoData(testDeps());
    const { results } = await env.DB.prepare("SELECT name, source FROM stakeholders WHERE source = 'demo'").all<{ name: string }>();
    expect(results).toHaveLength(10);
    expect(results.map((r) => r.name)).toContain('林晓雯');
    expect(results.map((r) => r.name)).not.toContain('错误邮箱');
    const tags = await env.DB.prepare('SELECT DISTINCT tag FROM stakeholder_tags ORDER BY tag').all<{ tag: string }>();
    expect(tags.results.map((t) => t.tag)).toEqual(expect.arrayContaining(['提案051', '硅巷', '孵化', '沪港青年']));
  });
});
