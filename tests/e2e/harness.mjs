// Browser test harness: a real portal-server on a free loopback port over a fresh data folder, and
// Debian's Chromium driven by playwright-core (never a downloaded browser). Any console error or page
// error fails the test that caused it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverBinary = process.env.PORTAL_SERVER || path.join(root, 'build/native/portal-server');
export const webDir = process.env.PORTAL_WEB || path.join(root, 'build/web/dist');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

export const chromiumArgs = ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function startServer({ web = webDir, args = [] } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'portal-e2e-'));
  const child = spawn(serverBinary, ['--port', '0', '--data', data, '--web', web, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('portal-server did not start in 10 s:\n' + log)), 10000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.stderr.on('data', (chunk) => { log += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`portal-server exited (${code}):\n${log}`)); });
  });
  return {
    url,
    data,
    get log() { return log; },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

// A page that records console errors and page errors; check() fails the test if there were any.
export async function openPortal(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0, null, { timeout: 30000 });
  return {
    page,
    context,
    problems,
    assertClean() {
      if (problems.length) throw new Error('the page reported problems:\n' + problems.join('\n'));
    },
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
