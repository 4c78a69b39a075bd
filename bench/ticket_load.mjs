// Durable ticket creations against portal-server on loopback: `connections` clients with keep-alive
// each create tickets back to back for `seconds`; every 201 is a committed SQLite transaction
// (WAL, synchronous=FULL). Returns creations per second and latency percentiles.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { outboxCode, startServer } from '../tests/e2e/harness.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

async function accessToken(server, email) {
  const base = server.url;
  const post = async (path, body, type = 'application/json') => {
    const res = await fetch(new URL(path, base), { method: 'POST', headers: { 'Content-Type': type },
      body: type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body).toString() });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status === 202 ? {} : res.json();
  };
  const verifier = b64url(randomBytes(32));
  const redirect = new URL('/callback.html', base).href;
  const txn = await post('/api/auth/transactions', { client_id: 'support-portal', redirect_uri: redirect,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
    state: b64url(randomBytes(16)) });
  const since = Date.now() - 1000;
  await post(`/api/auth/transactions/${txn.transaction_id}/email-code`, { email });
  const verified = await post(`/api/auth/transactions/${txn.transaction_id}/email-code/verify`,
    { code: await outboxCode(server, email, since) });
  const tokens = await post('/oauth/token', { grant_type: 'authorization_code', code: verified.code, code_verifier: verifier,
    client_id: 'support-portal', redirect_uri: redirect }, 'application/x-www-form-urlencoded');
  return tokens.access_token;
}

export async function measureTicketCreation({ connections = 64, seconds = 5 } = {}) {
  const server = await startServer({ args: ['--dev'] });
  try {
    const token = await accessToken(server, 'ana@demo.store');
    const { hostname, port } = new URL(server.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const body = JSON.stringify({ kind: 'incident', title: 'Checkout fails', description: 'Every order fails at payment.',
      users: 'buyers', impact: 'important', environment: 'production', experience: 'advanced', cc: [], attachments: [] });
    let next = 0;
    const create = () => new Promise((resolve, reject) => {
      const req = http.request({ hostname, port, agent, method: 'POST', path: '/api/accounts/lojadaana/tickets',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
          Authorization: `Bearer ${token}`, 'Idempotency-Key': `bench-${process.pid}-${next++}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
    const latencies = [];
    let failures = 0;
    const until = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        const start = performance.now();
        const status = await create();
        if (status === 201) latencies.push(performance.now() - start);
        else failures += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, worker));
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return { created: latencies.length, failures, perSecond: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureTicketCreation());
