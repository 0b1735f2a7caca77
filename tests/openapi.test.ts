import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { request } from './helpers';

type Document = { openapi: string; paths: Record<string, Record<string, { responses?: object }>> };

describe('the API description', () => {
  it('is served at /api/v1/openapi.json without sign-in', async () => {
    const res = await request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/me']?.['get']).toBeDefined();
  });

  it('describes every /api/v1 route the app answers, with its method and responses', async () => {
    const doc = (await (await request('/api/v1/openapi.json')).json()) as Document;
    const routes = createApp()
      .routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }));
    expect(routes.length).toBeGreaterThan(0);
    const missing = [...new Set(routes.filter((r) => !doc.paths[r.path]?.[r.method]?.responses).map((r) => `${r.method.toUpperCase()} ${r.path}`))];
    expect(missing).toEqual([]);
  });
});
