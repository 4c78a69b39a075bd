// "Continue with Google" through a real OpenID Connect provider process (npm oidc-provider) standing in
// for Google: the popup, the provider's login, the server as relying party, and the result posted back
// to the portal with an exact origin. A message from another origin is ignored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertEventually, launchBrowser, openPortal, sleep, startServer } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ args: ['--dev'], google: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (page, name) => page.getByRole('button', { name, exact: true });

// Signed in as Ana (in a page or a frame): the top bar's user menu is hers and holds her address.
async function assertAnaSignedIn(where) {
  await button(where, 'Account menu for Ana Souza').click({ timeout: 15000 });
  await where.getByText('ana@demo.store', { exact: true }).waitFor();
}
const userMenus = (page) => page.getByRole('button', { name: /^Account menu for / });

// Opens the Google popup from the sign-in screen and signs in there as `email`; returns the popup.
async function continueWithGoogle(page, email) {
  await button(page, 'Sign in').click();
  const popupOpened = page.waitForEvent('popup');
  await button(page, 'Continue with Google').click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  assert.match(popup.url(), /^http:\/\/127\.0\.0\.1:\d+\//);
  await popup.locator('input[name=login]').fill(email);
  await popup.locator('input[name=password]').fill('any password: the stand-in vouches for the email');
  await popup.locator('button[type=submit]').click();
  return popup;
}

test('Continue with Google: the provider in a popup signs Ana in', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  const popup = await continueWithGoogle(page, 'ana@demo.store');
  await assertAnaSignedIn(page);
  await assertEventually(() => popup.isClosed());
  portal.assertClean();
  await portal.context.close();
});

test('inside the demo host page\'s iframe, Google sign-in runs in a popup and lands in the frame', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  await page.goto(new URL('/host.html', server.url).href);
  const frame = page.frameLocator('iframe[title="VTEX Support"]');
  const frameButton = (name) => frame.getByRole('button', { name, exact: true });
  await frameButton('Sign in').click();
  const popupOpened = page.waitForEvent('popup');
  await frameButton('Continue with Google').click();
  const popup = await popupOpened;
  await popup.locator('input[name=login]').fill('ana@demo.store');
  await popup.locator('input[name=password]').fill('x');
  await popup.locator('button[type=submit]').click();
  await assertAnaSignedIn(frame);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Google account with no store user is told so, and stays signed out', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await continueWithGoogle(page, 'stranger@example.com');
  await page.getByRole('status').filter({ hasText: 'No store user is registered with stranger@example.com' }).waitFor({ timeout: 15000 });
  assert.equal(await userMenus(page).count(), 0);
  portal.assertClean();
  await portal.context.close();
});

test('a sign-in result posted from another origin is ignored and logged', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  await button(page, 'Sign in').click();
  // A page on another origin, opened by the portal's window, posts a forged result to it.
  await portal.context.route('http://other-origin.test/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<script>opener.postMessage({type:"portal-google-sign-in",code:"forged",state:"forged"},"*")</script>',
  }));
  await page.evaluate(() => { window.open('http://other-origin.test/forge', 'forger'); });
  await assertEventually(() => warnings.some((w) => w.includes('ignored a message from http://other-origin.test')));
  await sleep(300);
  assert.equal(await userMenus(page).count(), 0);
  await button(page, 'Continue with Google').waitFor();
  portal.assertClean();
  await portal.context.close();
});

