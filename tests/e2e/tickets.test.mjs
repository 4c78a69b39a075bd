// Tickets in the browser against the real server: the whole path (sign in, fill the form, see the
// priority and deadline, submit, find it in My requests, support replies, the user replies, support's
// answer arrives on the open ticket, support solves, the user rates), a connection dropped mid-submit
// ending in exactly one ticket, a reload that restores the draft with its attachment (and names one that
// was still uploading), files sent from a ticket's thread and downloaded back, a reply kept across a
// reload (and a file on its way to the ticket named after it), an expired sign-in renewed unseen, and
// refused uploads that leave the draft intact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerIncident, assertEventually, browserAndServers, button, openSignedIn, outboxCode, radio, sleep, supportAdmin } from './harness.mjs';

// The top bar's tabs (Help Center, New ticket, My requests) and its store-account switcher.
const tab = (page, name) => page.getByRole('tab', { name, exact: true });
const switcher = (page, account) => button(page, `Store account: ${account}`);
const session = browserAndServers();


const signedIn = (email) => openSignedIn(session, email);

const admin = (...args) => supportAdmin(session.server, ...args);

async function fillIncident(page, title) {
  await tab(page, 'New ticket').click();
  // The store account is chosen in the top bar (the first by name is chosen at first).
  await switcher(page, 'Ana Shop US · US').click();
  await radio(page, 'Loja da Ana · Brazil').click();
  await switcher(page, 'Loja da Ana · Brazil').waitFor();
  await answerIncident(page, title, 'Every order fails at the payment step since 10:00.');
}

test('the whole path: form with live priority, submit, My requests, replies, solved, rated', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Checkout fails');
  await page.getByText('Priority: Urgent').waitFor();
  await page.getByText(/^First response by /).waitFor();
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await page.getByText(/^Priority: Urgent\. First response by /).waitFor();

  await admin('reply', '1001', 'Which order number fails?', '--as', 'Marta');
  await tab(page, 'My requests').click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).click();
  await page.getByText('Status: Awaiting your reply').waitFor();
  // What the form was answered with comes back with the ticket.
  await page.getByText('Unexpected behaviour · Affects: Buyers · Impact: Critical resources', { exact: true }).waitFor();
  await page.getByText('Environment: Production · Experience level: Advanced', { exact: true }).waitFor();
  await page.getByText('Which order number fails?').waitFor();
  await page.getByLabel('Your reply', { exact: true }).fill('Order 1234-01, and all the others.');
  await button(page, 'Reply').click();
  await page.getByText('Reply sent').waitFor();
  await page.getByText('Status: Open').waitFor();
  await page.getByText('Order 1234-01, and all the others.').waitFor();
  // Support answers while the ticket is open: it shows up within the 30 s refresh, with the reply being typed kept.
  await page.getByLabel('Your reply', { exact: true }).fill('Also: ');
  await admin('reply', '1001', 'Thanks, we found the failing payment rule.', '--as', 'Marta');
  await page.getByText('Thanks, we found the failing payment rule.').waitFor({ timeout: 45000 });
  await page.getByText('Support replied.', { exact: true }).waitFor();
  await page.getByText('Status: Awaiting your reply').waitFor();
  assert.equal(await page.getByLabel('Your reply', { exact: true }).inputValue(), 'Also: ');

  await admin('status', '1001', 'solved');
  await button(page, 'Back to My requests').click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).click();
  await page.getByText('Status: Solved').waitFor();
  await button(page, 'Reopen').waitFor();
  await button(page, 'Good').click();
  await button(page, 'Send rating').click();
  await page.getByText('You rated this ticket Good. Thank you.').waitFor();
  assertClean();
});

test('a closed ticket cannot be reopened: a follow-up ticket continues it and names it, also after a reload', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Checkout fails');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await admin('status', '1001', 'closed');
  await tab(page, 'My requests').click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).click();
  await page.getByText(/^Ticket #1001 is closed and cannot be reopened/).waitFor();
  assert.equal(await button(page, 'Reopen').count(), 0);
  await button(page, 'Open a follow-up ticket').click();
  const linked = page.getByText('This ticket follows up #1001 Checkout fails; support will see the link.');
  await linked.waitFor();
  // The link is part of the draft: a reload keeps it.
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await tab(page, 'New ticket').click();
  await linked.waitFor();
  await answerIncident(page, 'Checkout fails again', 'The same error came back this morning.');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1002 was sent').waitFor();
  await tab(page, 'My requests').click();
  await page.getByRole('link', { name: '#1002 Checkout fails again' }).click();
  await page.getByText('Follow-up of an earlier ticket (#1001).').waitFor();
  assertClean();
});

test('a connection dropped mid-submit: the draft stays, the retry uses the same key, one ticket exists', async () => {
  const { page } = await signedIn();
  await fillIncident(page, 'Dropped while sending');
  let attempts = 0;
  const keys = [];
  await page.route('**/api/accounts/lojadaana/tickets', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    attempts += 1;
    keys.push(route.request().headers()['idempotency-key']);
    if (attempts === 1) {
      await route.fetch();  // the server creates the ticket...
      return route.abort('connectionreset');  // ...and the answer never reaches the page
    }
    return route.continue();
  });
  await button(page, 'Submit ticket').click();
  await page.getByText(/The connection dropped before VTEX Support confirmed your ticket/).waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Dropped while sending');
  await page.getByText('Ticket #1001 was sent').waitFor({ timeout: 10000 });
  assert.equal(attempts, 2);
  assert.ok(keys[0] && keys[0] === keys[1], 'both attempts carry the same Idempotency-Key');
  await tab(page, 'My requests').click();
  await page.getByText('1 ticket', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: /^#100\d / }).count(), 1);
});

test('a reload mid-draft restores the fields and the chosen file', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Draft that survives');
  await page.getByLabel('Attach files').setInputFiles({ name: 'network.har', mimeType: 'application/json',
    buffer: Buffer.from('{"log":{"entries":[]}}') });
  await page.getByText('network.har · 22 bytes').waitFor();
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  // The refresh cookie signs in again, and the page's address (#/tickets/new) reopens the form.
  await page.getByLabel('Title', { exact: true }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/tickets/new');
  await switcher(page, 'Loja da Ana · Brazil').waitFor();  // the account chosen before, whose draft this is
  await page.getByText('network.har · 22 bytes').waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Draft that survives');
  assert.match(await page.getByLabel('Description', { exact: true }).inputValue(), /payment step/);
  assert.equal(await radio(page, 'Critical resources').isChecked(), true);
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await button(page, 'See it in My requests').click();
  await page.getByText('Attached: network.har (22 bytes)').waitFor();
  assertClean();
});

test('a file still uploading when the page is reloaded is named, to be chosen again; the stored one is back', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Reloaded mid-upload');
  await page.getByLabel('Attach files').setInputFiles({ name: 'network.har', mimeType: 'application/json', buffer: Buffer.from('{}') });
  await page.getByText('network.har · 2 bytes').waitFor();
  // The next upload never gets its answer: the page is reloaded while it is on its way.
  await page.route('**/api/accounts/lojadaana/attachments', () => {});
  await page.getByLabel('Attach files').setInputFiles({ name: 'checkout.png', mimeType: 'image/png', buffer: Buffer.from('PNG') });
  await page.getByText('Uploading checkout.png…').waitFor();
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await page.getByLabel('Title', { exact: true }).waitFor();
  await switcher(page, 'Loja da Ana · Brazil').waitFor();
  await page.getByText('network.har · 2 bytes').waitFor();
  await page.getByText('"checkout.png" was still uploading when the page closed, so it is not attached. Choose it again.').waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Reloaded mid-upload');
  assertClean();
});

test('on a ticket: a file sent from its thread is saved back under its name; a reply being typed survives a reload, a file on its way is named after it', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Checkout fails');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await button(page, 'See it in My requests').click();
  await page.getByText('Status: Open').waitFor();
  const content = 'order 1234-01 failed at 10:02';
  await page.getByLabel('Attach files').setInputFiles({ name: 'relatório.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await page.getByText('"relatório.txt" is attached to the ticket; support sees it with the conversation.').waitFor();
  const link = page.getByRole('link', { name: 'Attached: relatório.txt (29 bytes)' });
  const saved = page.waitForEvent('download');
  await link.click();
  const download = await saved;
  assert.equal(download.suggestedFilename(), 'relatório.txt');
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString(), content);

  // Half a reply and a file on its way (its upload never answered), then the page is reloaded: the
  // reply box has the reply back on the same ticket, and the file is named, to be chosen again.
  await page.route('**/api/tickets/*/attachments', () => {});
  await page.getByLabel('Attach files').setInputFiles({ name: 'trace.log', mimeType: 'text/plain', buffer: Buffer.from('trace') });
  await page.getByText('Uploading trace.log…').waitFor();
  await page.getByLabel('Your reply', { exact: true }).fill('The file has the order that failed.');
  const kept = () => page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('portal.reply.'))?.[1] ?? '');
  await assertEventually(async () => (await kept()) === 'The file has the order that failed.');
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await page.getByText('Status: Open').waitFor();
  await page.getByRole('link', { name: 'Attached: relatório.txt (29 bytes)' }).waitFor();
  await page.getByText('"trace.log" was still uploading when the page closed, so it is not attached. Choose it again.').waitFor();
  assert.equal(await page.getByLabel('Your reply', { exact: true }).inputValue(), 'The file has the order that failed.');
  await button(page, 'Reply').click();
  await page.getByText('Reply sent').waitFor();
  await page.getByText('The file has the order that failed.').waitFor();
  assert.equal(await page.getByLabel('Your reply', { exact: true }).inputValue(), '');
  assert.equal(await kept(), '');
  assertClean();
});

test('two tabs of one browser: a reply typed in one is there when the ticket is opened in the other', async () => {
  const { page, context, assertClean } = await signedIn();
  await fillIncident(page, 'Checkout fails');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await button(page, 'See it in My requests').click();
  await page.getByText('Status: Open').waitFor();
  // A second tab on the same ticket signs in silently (the refresh cookie), then shows the ticket.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await other.getByText('Status: Open').waitFor();
  // Typed in the first tab: kept in the browser, and the second tab is told (the storage event).
  await page.getByLabel('Your reply', { exact: true }).fill('Typed in the first tab.');
  await assertEventually(async () => (await other.evaluate(() => Object.entries(localStorage)
    .find(([key]) => key.startsWith('portal.reply.'))?.[1] ?? '')) === 'Typed in the first tab.');
  await button(other, 'Back to My requests').click();
  await other.getByRole('link', { name: '#1001 Checkout fails' }).click();
  await other.getByText('Status: Open').waitFor();
  await assertEventually(async () =>
    (await other.getByLabel('Your reply', { exact: true }).inputValue()) === 'Typed in the first tab.');
  await other.close();
  assertClean();
});

test('a sign-in that expired mid-reply is renewed unseen and the reply goes once; a session that ended asks to sign in and comes back', async () => {
  const { page, context, problems } = await signedIn();
  await fillIncident(page, 'Checkout fails');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await button(page, 'See it in My requests').click();
  await page.getByText('Status: Open').waitFor();
  // The access token expires (15 minutes): the server's next answer to a reply is 401.
  let refuse = true;
  let posted = 0;
  await page.route('**/api/tickets/*/comments', (route) => {
    posted += 1;
    if (!refuse) return route.continue();
    refuse = false;
    return route.fulfill({ status: 401, contentType: 'application/json',
      body: JSON.stringify({ error: 'invalid_token', message: 'The sign-in has expired or is not valid (expired). Sign in again.' }) });
  });
  let renewals = 0;
  page.on('request', (request) => { if (new URL(request.url()).pathname === '/oauth/token') renewals += 1; });
  await page.getByLabel('Your reply', { exact: true }).fill('Order 1234-01 failed.');
  await button(page, 'Reply').click();
  await page.getByText('Reply sent').waitFor();
  await page.getByText('Order 1234-01 failed.').waitFor();
  assert.equal(posted, 2);
  assert.equal(renewals, 1);
  assert.equal(await page.getByText('Order 1234-01 failed.', { exact: true }).count(), 1);  // sent once
  const ticketAddress = new URL(page.url()).hash;
  assert.match(ticketAddress, /^#\/tickets\/t_/);

  // The session ends (its refresh cookie is gone) while a second reply is sent: the sign-in form says
  // why, and after signing in the portal is back on the ticket with the reply still typed.
  await context.clearCookies();
  refuse = true;
  await page.getByLabel('Your reply', { exact: true }).fill('And 1234-02.');
  await button(page, 'Reply').click();
  await page.getByText('Your sign-in has expired. Sign in again to go on where you were; what you typed is kept.').waitFor();
  assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), 'ana@demo.store');
  const since = Date.now() - 1000;
  await button(page, 'Send code').click();
  await page.getByLabel('Code', { exact: true }).fill(await outboxCode(session.server, 'ana@demo.store', since));
  await button(page, 'Verify').click();
  await page.getByText('Status: Open').waitFor();
  assert.equal(new URL(page.url()).hash, ticketAddress);
  assert.equal(await page.getByLabel('Your reply', { exact: true }).inputValue(), 'And 1234-02.');
  await button(page, 'Reply').click();
  await page.getByText('And 1234-02.', { exact: true }).waitFor();
  // The browser reported only the refusals themselves: the replies' 401s and the renewal's 400 (no
  // refresh cookie: OAuth's invalid_grant).
  assert.deepEqual(problems.filter((p) => !/status of 40[01]/.test(p)), []);
});

test('a browser storage that is full: the form says the draft cannot be saved, and keeps what was typed', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Typed while storage is full');
  // Fill this origin's localStorage to its quota, as years of other data would.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    try {
      for (let i = 0; i < 1000; i += 1) localStorage.setItem(`filler-${i}`, chunk);
    } catch { /* full */ }
    for (const size of [16384, 1024, 64, 1]) {
      try {
        for (let i = 0; i < 100000; i += 1) localStorage.setItem(`small-${size}-${i}`, 'x'.repeat(size));
      } catch { /* full to the last `size` characters */ }
    }
  });
  await page.getByLabel('Title', { exact: true }).fill('Typed while storage is full, and more');
  await page.getByText(/^This browser could not save your draft \(its storage is full or blocked\)/).waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Typed while storage is full, and more');
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-') || key.startsWith('small-')) localStorage.removeItem(key);
  });
  await page.getByLabel('Title', { exact: true }).fill('Storage has room again');
  await assertEventually(async () => (await page.getByText(/^This browser could not save your draft/).count()) === 0);
  // The saved draft catches up with the last text (on a loaded machine the portal may still be taking
  // in the text typed while the storage was full, and save that first).
  const saved = () => page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('portal.draft.'))?.[1] ?? '');
  await assertEventually(async () => /Storage has room again/.test(await saved()));
  assertClean();
});

test('oversized and unsupported files are refused with a clear message; the draft is intact', async () => {
  const { page, assertClean } = await signedIn();
  await fillIncident(page, 'Keeps what I typed');
  await page.getByLabel('Attach files').setInputFiles([
    { name: 'dump.zip', mimeType: 'application/zip', buffer: Buffer.alloc(11 * 1024 * 1024, 1) },
    { name: 'screen.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not a video') },
    { name: 'ok.txt', mimeType: 'text/plain', buffer: Buffer.from('fine') },
  ]);
  await page.getByText('"dump.zip" is 11.0 MB; files up to 10.0 MB can be attached. Compress it or attach a smaller part.').waitFor();
  await page.getByText(/"screen\.mp4" cannot be attached: the portal takes png, jpg/).waitFor();
  await page.getByText('ok.txt · 4 bytes').waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Keeps what I typed');
  assert.equal(await radio(page, 'Buyers').isChecked(), true);
  assertClean();
});

test('text typed in the same moment as a click reaches the portal after the click, and is kept', async () => {
  const { page, assertClean } = await signedIn();
  await tab(page, 'New ticket').click();
  await page.getByLabel('Title', { exact: true }).waitFor();
  // One task: two radios clicked and the title typed before the portal draws a frame. The portal takes
  // one click per frame; the text must still come after both.
  await page.evaluate(() => {
    const mirror = document.getElementById('mirror');
    const find = (label) => [...mirror.querySelectorAll('input')].find((e) => e.getAttribute('aria-label') === label);
    find('Question').click();  // a first kind: takes a frame
    find('Unexpected behaviour').click();  // then another
    const title = find('Title');
    title.value = 'Typed at once';
    title.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await assertEventually(async () => await radio(page, 'Unexpected behaviour').isChecked());
  await sleep(500);
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Typed at once');
  assertClean();
});

test('Bruno, without the resource on a Brazil account, is told what is missing and who can grant it', async () => {
  const { page } = await signedIn('bruno@demo.store');
  await tab(page, 'New ticket').click();
  await page.getByText('You cannot open tickets for Loja da Ana yet').first().waitFor();
  // The form is not offered at all: the missing resource and where it is granted are named instead.
  await page.getByText(/needs the License Manager resource "Open Support Ticket" \(product "VTEX - Support"\)/).waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).count(), 0);
  assert.equal(await button(page, 'Submit ticket').count(), 0);
});
