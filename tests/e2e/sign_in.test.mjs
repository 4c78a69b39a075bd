// Signing in through the page against the real server: the email code read from the dev outbox,
// password + authenticator code computed from the seeded secret, password + SMS, the License Manager
// notice, and a silent sign-in after a reload.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { assertEventually, launchBrowser, openPortal, outboxCode, signInFromForm, sleep, startServer } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ args: ['--dev'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const lastCode = (to, after = 0) => outboxCode(server, to, after);

function totp(base32, seconds = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const button = (page, name) => page.getByRole('button', { name, exact: true });
const radio = (page, name) => page.getByRole('radio', { name, exact: true });

// The top bar's account switcher names the chosen store account and its region.
const switcher = (page, account) => button(page, `Store account: ${account}`);

// Signed in as `email`: the user menu in the top bar holds the address; it is closed again after.
async function assertSignedInAs(page, email) {
  const menu = page.getByRole('button', { name: /^Account menu for / });
  await menu.waitFor();
  await menu.click();
  await page.getByText(email, { exact: true }).waitFor();
  await menu.click();
  await assertEventually(async () => (await page.getByText(email, { exact: true }).count()) === 0);
}

// Chooses another store account through the top bar's switcher.
async function chooseAccount(page, from, to) {
  await switcher(page, from).click();
  await radio(page, to).click();
  await switcher(page, to).waitFor();
}

const signInByEmailFromForm = (page, email) => signInFromForm(page, server, email);

// From the home screen: open the sign-in screen, then the email-code path.
async function signInByEmail(page, email) {
  await button(page, 'Sign in').click();
  await signInByEmailFromForm(page, email);
}

test('email code: the code from the outbox signs Ana in, with her two accounts', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  const email = page.getByLabel('Email', { exact: true });
  await button(page, 'Sign in').click();
  assert.equal(await email.getAttribute('type'), 'email');
  assert.equal(await email.getAttribute('autocomplete'), 'username');
  await signInByEmailFromForm(page, 'ana@demo.store');
  await assertSignedInAs(page, 'ana@demo.store');
  // The first account (by name) is chosen, and its region with it; choosing another follows it.
  await switcher(page, 'Ana Shop US · US').waitFor();
  assert.equal(await page.getByText(/cannot open tickets/).count(), 0);
  await switcher(page, 'Ana Shop US · US').click();
  await radio(page, 'Loja da Ana · Brazil').waitFor();
  assert.equal(await radio(page, 'Ana Shop US · US').isChecked(), true);
  assert.equal(await radio(page, 'Loja da Ana · Brazil').isChecked(), false);
  await radio(page, 'Loja da Ana · Brazil').click();
  await switcher(page, 'Loja da Ana · Brazil').waitFor();
  assert.equal(await switcher(page, 'Ana Shop US · US').count(), 0);
  portal.assertClean();
  await portal.context.close();
});

test('a call the connection drops says so and keeps what was typed; the next try goes through', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await button(page, 'Sign in').click();
  const email = page.getByLabel('Email', { exact: true });
  await email.fill('ana@demo.store');
  // The sign-in's calls get no answer: the connection is reset under them.
  const calls = '**/api/auth/transactions**';
  let dropped = 0;
  await page.route(calls, (route) => {
    dropped += 1;
    return route.abort('connectionreset');
  });
  await button(page, 'Send code').click();
  await page.getByText('No connection to VTEX Support. Check your internet connection and try again; what you typed is kept.',
    { exact: true }).waitFor();
  assert.ok(dropped >= 1);
  assert.equal(await email.inputValue(), 'ana@demo.store');
  // The connection is back: the same press sends the code.
  await page.unroute(calls);
  const since = Date.now() - 1000;
  await button(page, 'Send code').click();
  await page.getByLabel('Code', { exact: true }).waitFor();
  assert.match(await lastCode('ana@demo.store', since), /^\d{6}$/);
  await portal.context.close();
});

test('password + authenticator app: the code computed from the seeded secret signs Ana in', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await button(page, 'Sign in').click();
  await button(page, 'With a password').click();
  await page.getByLabel('Password', { exact: true }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill('ana@demo.store');
  const password = page.getByLabel('Password', { exact: true });
  assert.equal(await password.getAttribute('type'), 'password');
  assert.equal(await password.getAttribute('autocomplete'), 'current-password');
  await password.fill('demo-password-1');
  await button(page, 'Sign in').click();
  await button(page, 'Authenticator app').waitFor();
  await page.getByLabel('Code', { exact: true }).fill(totp('JBSWY3DPEHPK3PXP', Date.now() / 1000 + 30));
  await button(page, 'Verify').click();
  await assertSignedInAs(page, 'ana@demo.store');
  portal.assertClean();
  await portal.context.close();
});

test('password + text message: the SMS goes out at once; Carol sees her US and EMEA accounts', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await button(page, 'Sign in').click();
  await button(page, 'With a password').click();
  await page.getByLabel('Password', { exact: true }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill('carol@demo.store');
  await page.getByLabel('Password', { exact: true }).fill('demo-password-3');
  const since = Date.now() - 1000;
  await button(page, 'Sign in').click();
  await button(page, 'Text message (SMS)').waitFor();
  await page.getByRole('status').filter({ hasText: 'ending in 0003' }).waitFor();
  await page.getByLabel('Code', { exact: true }).fill(await lastCode('+15550000003', since));
  await button(page, 'Verify').click();
  await assertSignedInAs(page, 'carol@demo.store');
  await chooseAccount(page, 'Carol Shop · US', 'Carol Shop EU · EMEA');
  portal.assertClean();
  await portal.context.close();
});

test('without the resource on a Brazil account, Bruno sees what is missing and who can grant it', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await signInByEmail(page, 'bruno@demo.store');
  // The warning's title, above what is missing (a status the screen reader reads out).
  await page.getByText('You cannot open tickets for Loja da Ana yet', { exact: true }).waitFor();
  const why = await page.getByRole('status').filter({ hasText: 'Open Support Ticket' }).textContent();
  assert.match(why, /"Open Support Ticket" \(product "VTEX - Support"\)/);
  await page.getByText(/Owner \(Admin Super\)/).waitFor();
  portal.assertClean();
  await portal.context.close();
});

test('a reload signs in again silently through the refresh cookie, on the account chosen before; sign-out ends it', async () => {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await signInByEmail(page, 'ana@demo.store');
  const secret = await page.evaluate(() => JSON.stringify(localStorage));
  assert.doesNotMatch(secret, /eyJ/, 'no token in localStorage');
  await chooseAccount(page, 'Ana Shop US · US', 'Loja da Ana · Brazil');  // not the first: chosen again after the reload
  await page.reload();
  await assertSignedInAs(page, 'ana@demo.store');
  await switcher(page, 'Loja da Ana · Brazil').waitFor();
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await button(page, 'Sign out').click();
  await button(page, 'Sign in').waitFor();
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 1);
  await button(page, 'Sign in').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Account menu for / }).count(), 0);
  portal.assertClean();
  await portal.context.close();
});

