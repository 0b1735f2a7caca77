/**
 * The baseline: what a request costs with nothing but Hono, one D1 query by primary key and (for the page) hono/jsx
 * rendering about 20 KB of escaped HTML — the floor the hub's hot pages are compared with.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';

type Row = { id: string; name: string; organization: string; title: string; category: string; email: string | null; phone: string; search_text: string };
type Bindings = { DB: D1Database };

const app = new Hono<{ Bindings: Bindings }>();
/** Items that bring the page to about 20 KB, the weight of the hub's feedback page. */
const ITEMS = 60;

const findRow = (db: D1Database, id: string) =>
  db.prepare('SELECT id, name, organization, title, category, email, phone, search_text FROM stakeholders WHERE id = ?').bind(id).first<Row>();

const Page: FC<{ row: Row }> = ({ row }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <title>{row.name}</title>
    </head>
    <body>
      <header>
        <h1>
          {row.name}（{row.organization}）
        </h1>
        <p>{row.title}</p>
      </header>
      <main>
        <ol>
          {Array.from({ length: ITEMS }, (_, i) => (
            <li>
              <h2>
                第{i + 1}条 {row.category}
              </h2>
              <p>
                {row.name}，{row.organization}，{row.title}。{row.search_text}
              </p>
              <p>
                <a href={`/baseline/${row.id}/${i}`}>{row.email ?? row.phone}</a>
              </p>
            </li>
          ))}
        </ol>
      </main>
    </body>
  </html>
);

app.get('/healthz', (c) => c.text('ok'));

app.get('/row/:id', async (c) => {
  const row = await findRow(c.env.DB, c.req.param('id'));
  return row ? c.json(row) : c.notFound();
});

app.get('/page/:id', async (c) => {
  const row = await findRow(c.env.DB, c.req.param('id'));
  return row ? c.html(<Page row={row} />) : c.notFound();
});

export default app;
