// GET /api/me while sign-ins check passwords: a password check is slow on purpose (argon2id), and it
// must cost only its own request that. `checkers` clients each check a password in
// a loop (each from its own client address, as many people behind a trusted proxy) while one client
// reads /api/me back to back; its latencies are measured alone first, then beside the checks.
import { createHash, randomBytes } from 'node:crypto';
import { startServer } from '../tests/e2e/harness.mjs';
import { accessToken } from './ticket_load.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function meLatencies(server, token, seconds) {
  const times = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const start = performance.now();
    const res = await fetch(new URL('/api/me', server.url), { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/me answered ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

// One person after another signing in by password, each from an address of its own (IPv6
// documentation prefix, named in X-Forwarded-For; nothing is sent there).
async function checkPasswords(server, worker, stop) {
  let n = 0;
  let checks = 0;
  const post = (path, body, address) => fetch(new URL(path, server.url), { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address }, body: JSON.stringify(body) });
  const redirect = new URL('/callback.html', server.url).href;
  while (!stop.done) {
    const address = `2001:db8::${worker.toString(16)}:${(n++).toString(16)}`;
    const verifier = b64url(randomBytes(32));
    const started = await post('/api/auth/transactions', { client_id: 'support-portal', redirect_uri: redirect,
      code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
      state: 's' }, address);
    const txn = await started.json();
    if (started.status !== 201) throw new Error(`starting a sign-in answered ${started.status}`);
    const res = await post(`/api/auth/transactions/${txn.transaction_id}/password`,
      { email: 'carol@demo.store', password: 'demo-password-3' }, address);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`a password check answered ${res.status}`);
    checks++;
  }
  return checks;
}

export async function measureMeBesidePasswords({ checkers = 8, seconds = 5 } = {}) {
  const server = await startServer({ args: ['--dev', '--trusted-proxy', '127.0.0.1'] });
  try {
    const token = await accessToken(server, 'ana@demo.store');
    const alone = await meLatencies(server, token, seconds);
    const stop = { done: false };
    const workers = Array.from({ length: checkers }, (_, i) => checkPasswords(server, i, stop));
    const beside = await meLatencies(server, token, seconds);
    stop.done = true;
    const checks = (await Promise.all(workers)).reduce((a, b) => a + b, 0);
    return { alone, beside, checks, checkers, seconds };
  } finally {
    await server.stop();
  }
}
