// The first screen in a real browser: controls found by role and visible label, as a merchant and a
// screen reader meet them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertEventually, launchBrowser, openPortal, sleep, startServer } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ args: ['--frame-ancestor', 'https://admin.example.com'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('picking a region by role and name shows its article, with a link that opens in a new tab', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  const brazil = page.getByRole('button', { name: 'Brazil' });
  await brazil.click();
  await assertEventually(async () => (await brazil.getAttribute('aria-pressed')) === 'true');
  const article = page.getByRole('link', { name: 'VTEX Support - Brazil' });
  await article.waitFor();
  assert.match(await article.getAttribute('href'), /^https:\/\//);
  assert.equal(await article.getAttribute('target'), '_blank');
  assert.equal(await page.getByRole('link', { name: 'VTEX Support - United States' }).count(), 0);

  // A click opens exactly one new tab at the article's address. The Help Center is answered locally:
  // tests never reach outside this machine.
  const href = await article.getAttribute('href');
  await portal.context.route('https://help.vtex.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>article</title>' }));
  const opened = [];
  portal.context.on('page', (p) => opened.push(p));
  await article.click();
  await assertEventually(() => opened.length === 1);
  await sleep(300);
  assert.equal(opened.length, 1, 'one click opens one tab');
  assert.equal(opened[0].url().replace(/\/$/, ''), href.replace(/\/$/, ''));
  portal.assertClean();
  await portal.context.close();
});

test('the US article says it is in English only; LATAM shows only the global article', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await page.getByRole('button', { name: 'US' }).click();
  await page.getByRole('link', { name: 'VTEX Support - United States' }).waitFor();
  await page.getByText('(English only)').waitFor();
  await page.getByRole('button', { name: 'LATAM' }).click();
  await assertEventually(async () => (await page.getByRole('link').count()) === 1);
  await page.getByRole('link', { name: 'How does VTEX support work?' }).waitFor();
  portal.assertClean();
  await portal.context.close();
});

test('typing into Search articles (getByLabel + fill) filters the list', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await page.getByRole('button', { name: 'EMEA' }).click();
  await page.getByRole('link', { name: 'VTEX Support - EMEA' }).waitFor();
  const search = page.getByLabel('Search articles');
  await search.fill('emea');
  await assertEventually(async () => (await page.getByRole('link', { name: 'How does VTEX support work?' }).count()) === 0);
  await page.getByRole('link', { name: 'VTEX Support - EMEA' }).waitFor();
  await search.fill('nothing like this');
  await page.getByRole('status').filter({ hasText: 'No article matches' }).waitFor();
  assert.equal(await search.inputValue(), 'nothing like this');
  portal.assertClean();
  await portal.context.close();
});

test('keyboard alone: Tab reaches a region button and Enter chooses it', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  const apac = page.getByRole('button', { name: 'APAC' });
  for (let i = 0; i < 10 && !(await apac.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await apac.evaluate((el) => el === document.activeElement), 'Tab reaches APAC');
  await page.keyboard.press('Enter');
  await assertEventually(async () => (await apac.getAttribute('aria-pressed')) === 'true');
  portal.assertClean();
  await portal.context.close();
});

test('render on demand: no frames are drawn while nothing changes', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await sleep(1000);
  const before = await page.evaluate(() => window.portal.frames());
  await sleep(2000);
  const idle = (await page.evaluate(() => window.portal.frames())) - before;
  assert.ok(idle <= 1, `frames drawn while idle for 2 s: ${idle}`);
  await page.getByRole('button', { name: 'Brazil' }).click();
  await assertEventually(async () => (await page.evaluate(() => window.portal.frames())) > before);
  portal.assertClean();
  await portal.context.close();
});

test('the canvas follows its container and is crisp at devicePixelRatio 2', async () => {
  const portal = await openPortal(browser, server.url, { deviceScaleFactor: 2, viewport: { width: 900, height: 600 } });
  const { page } = portal;
  const size = () => page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, css: c.getBoundingClientRect().width };
  });
  await assertEventually(async () => (await size()).width === 1800);
  assert.equal((await size()).height, 1200);
  await page.setViewportSize({ width: 700, height: 500 });
  await assertEventually(async () => (await size()).width === 1400);
  // The mirror follows the layout too: the buttons are still where a click lands.
  await page.getByRole('button', { name: 'EMEA' }).click();
  await assertEventually(async () => (await page.getByRole('button', { name: 'EMEA' }).getAttribute('aria-pressed')) === 'true');
  portal.assertClean();
  await portal.context.close();
});

test('the page is served with its CSP and the wasm as application/wasm, brotli-compressed, kept a year under its content\'s name', async () => {
  const page = await browser.newPage();
  const responses = {};
  page.on('response', (r) => { responses[new URL(r.url()).pathname] = r; });
  const main = await page.goto(server.url);
  const csp = main.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'self' https:\/\/admin\.example\.com/);
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  // Under a name that changes with its content: kept a year; the page naming it is asked for again.
  const wasmPath = Object.keys(responses).find((p) => /^\/portal\.[0-9a-f]{10}\.wasm$/.test(p));
  assert.ok(wasmPath, `the wasm was fetched under a content-hashed name (${Object.keys(responses).join(', ')})`);
  const wasm = responses[wasmPath];
  assert.equal(wasm.headers()['content-type'], 'application/wasm');
  assert.equal(wasm.headers()['content-encoding'], 'br');
  assert.equal(wasm.headers()['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(main.headers()['cache-control'], 'no-cache');
  assert.equal(await page.locator('#loading').isHidden(), true, 'the loading screen is gone');
  await page.close();
});

test('a failed download says so and offers to try again: the wasm, or portal.js', async () => {
  for (const file of [/\/portal\.[0-9a-f]{10}\.wasm$/, /\/portal\.[0-9a-f]{10}\.js$/]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(file, (route) => route.abort('connectionreset'));
    await page.goto(server.url);
    const error = page.getByRole('alert');
    await error.waitFor();
    assert.match(await error.textContent(), /could not be downloaded/, String(file));
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await context.close();
  }
});

