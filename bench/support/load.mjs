// One autocannon run against one route: fixed connections for a fixed time, the path (and body) of each request
// chosen by the route, so that requests spread over many links as real visitors do.
import autocannon from 'autocannon';

/** `route`: { method, path(i), body?(i), headers, connections }. Resolves to requests/s, p50/p99 (ms) and failures. */
export function load(origin, route, { duration }) {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections: route.connections,
        duration,
        timeout: 120,
        headers: route.headers,
        requests: [
          {
            method: route.method,
            setupRequest: (request) => {
              const n = i++;
              return { ...request, path: route.path(n), ...(route.body ? { body: route.body(n) } : {}) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
  });
}

/** One request alone: its time, time to first byte, size and the D1 round trips the hub counted (null if not counted). */
export async function single(origin, route, n = 0) {
  const started = performance.now();
  const res = await fetch(origin + route.path(n), { method: route.method, headers: route.headers, body: route.body?.(n) });
  const firstByteMs = performance.now() - started;
  const bytes = (await res.arrayBuffer()).byteLength;
  const header = res.headers.get('x-roundtable-d1-queries');
  return { status: res.status, ms: performance.now() - started, firstByteMs, bytes, d1Queries: header === null ? null : Number(header) };
}
