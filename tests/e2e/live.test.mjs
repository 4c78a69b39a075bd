// Live updates in the browser against the real server: support's reply (written by the admin command,
// another process) appears on the open thread within two seconds, with no reload and no 30-second poll;
// on My requests the row's status follows and a toast says support replied; the stream is given up at
// sign-out, and the server refuses it without a token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerIncident, browserAndServers, button, openSignedIn, radio, supportAdmin } from './harness.mjs';

const session = browserAndServers();
const tab = (page, name) => page.getByRole('tab', { name, exact: true });
const admin = (...args) => supportAdmin(session.server, ...args);

// Ana's ticket #1001 on Loja da Ana, submitted through the form.
async function submitIncident(page) {
  await tab(page, 'New ticket').click();
  await button(page, 'Store account: Ana Shop US · US').click();
  await radio(page, 'Loja da Ana · Brazil').click();
  await button(page, 'Store account: Loja da Ana · Brazil').waitFor();
  await answerIncident(page, 'Checkout fails', 'Every order fails at the payment step since 10:00.');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
}

// The page's requests to `path` (a prefix) from now on, each with when it was sent.
function watchRequests(page, path) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(path)) seen.push({ at: Date.now(), method: request.method(), path: url.pathname });
  });
  return seen;
}

test('support\'s reply appears on the open thread within two seconds, with no reload and no poll', async () => {
  const { page, assertClean } = await openSignedIn(session);
  await submitIncident(page);
  await tab(page, 'My requests').click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).click();
  await page.getByText('Status: Open').waitFor();
  assert.ok(await page.evaluate(() => Boolean(window.portalLive && window.portalLive.abort)), 'the portal holds the live updates');
  await page.evaluate(() => { window.notReloaded = true; });
  const reads = watchRequests(page, '/api/tickets/');
  await page.getByLabel('Your reply', { exact: true }).fill('Also: ');

  const sent = Date.now();
  await admin('reply', '1001', 'We found the failing payment rule.', '--as', 'Marta');
  await page.getByText('We found the failing payment rule.').waitFor({ timeout: 2000 });
  const shownAfter = Date.now() - sent;
  console.log(`# the reply showed ${shownAfter} ms after the admin command returned`);
  assert.ok(shownAfter < 2000);
  await page.getByText('Status: Awaiting your reply').waitFor({ timeout: 2000 });
  // No reload (the page's own state is there), and one read of the ticket, after the reply was written:
  // the event's, not a poll's (the 30-second reading waits while the stream is held).
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  assert.equal(await page.getByLabel('Your reply', { exact: true }).inputValue(), 'Also: ');
  const gets = reads.filter((r) => r.method === 'GET');
  assert.equal(gets.length, 1, `one read of the ticket: ${JSON.stringify(gets)}`);
  assert.ok(gets[0].at >= sent);

  // On My requests the row follows a status change, and support's reply elsewhere is said by a toast.
  await button(page, 'Back to My requests').click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).waitFor();
  const solvedTags = page.getByText('Solved', { exact: true });  // the filter's option, and the row's tag once solved
  const before = await solvedTags.count();
  await admin('status', '1001', 'solved');
  const changed = Date.now();
  while (await solvedTags.count() === before && Date.now() - changed < 2000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await solvedTags.count(), before + 1, 'the row shows Solved within two seconds');
  await admin('reply', '1001', 'Anything else?', '--as', 'Marta');
  await page.getByText('Support replied on ticket #1001').waitFor({ timeout: 2000 });
  assertClean();
});

test('the stream is given up at sign-out, and refused without a token', async () => {
  const { page } = await openSignedIn(session);
  const ended = [];
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).pathname === '/api/events') ended.push(request.failure()?.errorText || 'failed');
  });
  await page.waitForRequest((request) => new URL(request.url()).pathname === '/api/events', { timeout: 5000 })
    .catch(() => {});  // it may have started before the listener
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await button(page, 'Sign out').click();
  await button(page, 'Sign in').waitFor();
  for (let i = 0; i < 50 && ended.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
  assert.equal(ended.length, 1, 'the stream was aborted at sign-out');

  const refused = await fetch(new URL('/api/events', session.server.url));
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).error, 'unauthenticated');
});
