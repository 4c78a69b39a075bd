// Screen addresses in the browser: each screen has its own (#/help, #/sign-in, #/tickets,
// #/tickets/new, #/tickets/<id>), back and forward move between screens, and a ticket's address
// opened in a fresh browser asks for the sign-in, then shows that ticket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEventually, browserAndServers, button, openPortal, outboxCode, radio, signInFromForm, startServer } from './harness.mjs';

const session = browserAndServers();

const hashOf = (page) => new URL(page.url()).hash;

test('each screen has its address; back and forward move between screens', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url);
  await assertEventually(() => hashOf(page) === '#/help');
  await button(page, 'Sign in').click();
  await assertEventually(() => hashOf(page) === '#/sign-in');
  await signInFromForm(page, session.server, 'ana@demo.store');
  await page.getByRole('tab', { name: 'My requests', exact: true }).click();
  await assertEventually(() => hashOf(page) === '#/tickets');
  await page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  await page.getByLabel('Title', { exact: true }).waitFor();
  assert.equal(hashOf(page), '#/tickets/new');
  await page.getByLabel('Title', { exact: true }).fill('Typed before going back');

  await page.goBack();
  await page.getByText(/^Tickets of /).waitFor();
  assert.equal(hashOf(page), '#/tickets');
  await page.goForward();
  await page.getByLabel('Title', { exact: true }).waitFor();
  assert.equal(hashOf(page), '#/tickets/new');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Typed before going back');  // nothing lost
  // An address typed into the bar (a hash change) opens its screen too.
  await page.evaluate(() => { location.hash = '#/tickets'; });
  await page.getByText(/^Tickets of /).waitFor();
  assertClean();
});

test("a ticket's address opened in a fresh browser asks for the sign-in, then lands on that ticket", async () => {
  session.server = await startServer({ args: ['--dev'] });
  const first = await openPortal(session.browser, session.server.url);
  await button(first.page, 'Sign in').click();
  await signInFromForm(first.page, session.server, 'ana@demo.store');
  await first.page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  // The store account is chosen in the top bar's switcher (the first by name at first).
  await first.page.getByRole('button', { name: 'Store account: Ana Shop US · US', exact: true }).click();
  await radio(first.page, 'Loja da Ana · Brazil').click();
  await first.page.getByRole('button', { name: 'Store account: Loja da Ana · Brazil', exact: true }).waitFor();
  await first.page.getByLabel('Title', { exact: true }).fill('Reached by its link');
  await first.page.getByLabel('Description', { exact: true }).fill('Opened from a bookmark.');
  await radio(first.page, 'Question').click();
  await radio(first.page, 'Production').click();
  await radio(first.page, 'Advanced').click();
  await button(first.page, 'Submit ticket').click();
  await first.page.getByText(/^Ticket #1001 was sent/).waitFor();
  await button(first.page, 'See it in My requests').click();
  await assertEventually(() => /^#\/tickets\/t_[\w-]+$/.test(hashOf(first.page)));
  const link = first.page.url();
  first.assertClean();
  await first.context.close();

  // Another browser (no session cookie): the address waits through the sign-in.
  const second = await openPortal(session.browser, link);
  await second.page.getByLabel('Email', { exact: true }).waitFor();
  assert.equal(hashOf(second.page), '#/sign-in');
  await second.page.getByLabel('Email', { exact: true }).fill('ana@demo.store');
  const since = Date.now() - 1000;
  await button(second.page, 'Send code').click();
  await second.page.getByLabel('Code', { exact: true }).fill(await outboxCode(session.server, 'ana@demo.store', since));
  await button(second.page, 'Verify').click();
  await second.page.getByText('Opened from a bookmark.').waitFor();
  assert.equal(second.page.url(), link);
  second.assertClean();
});
