// The portal embedded as the admin panel embeds it: the demo host page on another origin frames it;
// the two talk only by postMessage between allowed origins. The host sets the theme and the language,
// the portal reports its height and the ticket it opened, a message from another origin is ignored
// and logged, and the server's frame-ancestors names the same origins.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { serveHostPage } from '../../tools/host-page.mjs';
import { assertEventually, browserAndServers, meanBrightness, openPortal, signInFromForm, startServer, webDir } from './harness.mjs';

const session = browserAndServers();
let host;
afterEach(async () => {
  host?.closeAllConnections();  // the browser keeps its connections alive
  await new Promise((resolve) => (host ? host.close(resolve) : resolve()));
  host = null;
});

// The demo host page served from its own origin (another port), as the admin panel is.
async function startHost() {
  host = await serveHostPage({ web: webDir });
  return `http://127.0.0.1:${host.address().port}`;
}

test('the host frames the portal: theme and language from the host, height and the opened ticket back, other origins ignored', async () => {
  const hostOrigin = await startHost();
  session.server = await startServer({ args: ['--dev', '--frame-ancestor', hostOrigin] });
  const portalOrigin = new URL(session.server.url).origin;
  const { page, problems } = await openPortal(session.browser, `${hostOrigin}/host.html?portal=${encodeURIComponent(session.server.url)}`,
    {}, { portalOrigin });
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  const frame = page.frames().find((f) => f.url().startsWith(portalOrigin));
  const portal = page.frameLocator('#portal-frame');

  // The server lets exactly this origin frame it.
  const csp = (await fetch(session.server.url)).headers.get('content-security-policy');
  assert.match(csp, new RegExp(`frame-ancestors 'self' ${hostOrigin}(;|$)`));
  assert.equal(await page.locator('#portal-frame').getAttribute('allow'), 'clipboard-read; clipboard-write');

  // The portal reports the height it wants; the host sizes the frame with it.
  await assertEventually(async () => (await page.locator('#portal-frame').evaluate((f) => f.style.height)) !== '');

  // Language from the host: the Help Center turns Portuguese.
  await page.getByLabel('Language').selectOption('pt-BR');
  await portal.getByText('Como funciona o suporte da VTEX?').waitFor();
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'pt-BR');

  // Theme from the host: the portal draws dark.
  const frameBox = page.locator('#portal-frame');
  const light = meanBrightness(await frameBox.screenshot());
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await assertEventually(async () => meanBrightness(await frameBox.screenshot()) < light - 100, 10000);

  // A message from another origin (a sandboxed frame: origin "null") is ignored and logged.
  await page.evaluate(() => {
    const stranger = document.createElement('iframe');
    stranger.sandbox = 'allow-scripts';
    stranger.srcdoc = "<script>parent.frames[0].postMessage({ type: 'portal:set-theme', theme: 'light' }, '*');<\/script>";
    document.body.appendChild(stranger);
  });
  await assertEventually(() => warnings.some((w) => w === 'portal: ignored a message from null'));
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.ok(meanBrightness(await frameBox.screenshot()) < light - 100, 'still dark');

  // Signed in inside the frame, the ticket opened is reported to the host.
  await page.getByLabel('Language').selectOption('en-US');
  await portal.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInFromForm(portal, session.server, 'ana@demo.store');
  await portal.getByRole('tab', { name: 'New ticket', exact: true }).click();
  // The store account is chosen in the top bar's switcher (the first by name is chosen at first).
  await portal.getByRole('button', { name: 'Store account: Ana Shop US · US', exact: true }).click();
  await portal.getByRole('radio', { name: 'Loja da Ana · Brazil', exact: true }).click();
  await portal.getByRole('button', { name: 'Store account: Loja da Ana · Brazil', exact: true }).waitFor();
  await portal.getByRole('radio', { name: 'Question', exact: true }).click();
  await portal.getByLabel('Title', { exact: true }).fill('Opened from the admin');
  await portal.getByLabel('Description', { exact: true }).fill('Asked inside the admin panel.');
  for (const name of ['Production', 'Advanced']) await portal.getByRole('radio', { name, exact: true }).click();
  await portal.getByRole('button', { name: 'Submit ticket', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Ticket #1001 opened' }).waitFor();
  assert.deepEqual(problems, []);
});
