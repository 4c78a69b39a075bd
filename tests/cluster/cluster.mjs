// The production shape as processes, for the cluster tests and the bench: scripts/cluster.sh started on
// free ports over a temporary folder (PostgreSQL 15, `nodes` portal-server nodes in development mode,
// HAProxy in front), and what a test needs of it: the proxy's and each node's address, the nodes'
// process ids, HAProxy's log, PostgreSQL's pg_ctl and psql.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pgBin = process.env.PORTAL_PG_BIN || '/usr/lib/postgresql/15/bin';

const portFree = (port) => new Promise((resolve) => {
  const probe = net.createServer().once('error', () => resolve(false))
    .once('listening', () => probe.close(() => resolve(true))).listen(port, '127.0.0.1');
});

// A base port whose proxy port and the nodes' ports (base + 10 on) are all free.
async function freeBase(nodes) {
  for (let tries = 0; tries < 50; tries++) {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const ports = [base, ...Array.from({ length: nodes }, (_, i) => base + 10 + i)];
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free ports for the cluster');
}

export async function startCluster({ nodes = 3 } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'portal-cluster-'));
  const port = await freeBase(nodes);
  const child = spawn(path.join(root, 'scripts/cluster.sh'), ['--nodes', String(nodes), '--port', String(port),
    '--data', data, '--', '--dev'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start in 90 s:\n${output}`)), 90000);
    child.stdout.on('data', () => { if (output.includes('cluster ready')) { clearTimeout(timer); resolve(); } });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`scripts/cluster.sh exited (${code}):\n${output}`)); });
  });
  const pids = readFileSync(path.join(data, 'node.pids'), 'utf8').trim().split('\n').map(Number);
  return {
    url: `http://127.0.0.1:${port}/`, data, pids, nodes,
    nodeUrl: (i) => `http://127.0.0.1:${port + 9 + i}/`,
    // HAProxy's log, one line a request: which node served it, its status and its request line.
    proxied: () => readFileSync(path.join(data, 'haproxy.log'), 'utf8').split('\n')
      .map((line) => / nodes\/node(\d+) \S+ (\d{3}) .*"(\w+) (\S+) /.exec(line))
      .filter(Boolean).map(([, node, status, method, target]) => ({ node: Number(node), status: Number(status), method, target })),
    // PostgreSQL's own tools, as the cluster's owner where the tests run as root.
    async pg(...args) {
      const as = process.getuid() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
      const [command, ...rest] = [...as, path.join(pgBin, 'pg_ctl'), '-D', path.join(data, 'postgresql'), ...args];
      return promisify(execFile)(command, rest);
    },
    async sql(query) {
      const { stdout } = await promisify(execFile)(path.join(pgBin, 'psql'), ['-h', path.join(data, 'postgresql'),
        '-p', '5432', '-U', 'portal', '-d', 'portal', '-tAc', query]);
      return stdout.trim();
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.on('exit', resolve));
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}
