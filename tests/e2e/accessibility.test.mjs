// An axe-core audit of every screen the portal draws, as assistive technology and browser tests see
// it (the mirror of the canvas). Any violation fails, named with its rule and the element. axe is
// injected as a script, which the portal's CSP forbids on purpose: the audit's page context allows it.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { answerIncident, browserAndServers, button, openPortal, outboxCode, radio, signInFromForm, startServer, supportAdmin } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = require.resolve('axe-core/axe.min.js');
const session = browserAndServers();
// The top bar's sections are tabs.
const tab = (page, name) => page.getByRole('tab', { name, exact: true });


async function audit(page, screen) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)).join(' | ')}`));
  assert.deepEqual(violations, [], `axe on ${screen}`);
}

test('axe-core finds no violation on the Help Center, every sign-in step and the missing-resource screen', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, problems } = await openPortal(session.browser, session.server.url, { bypassCSP: true });
  await audit(page, 'the Help Center');
  await button(page, 'Sign in').click();
  await page.getByLabel('Email', { exact: true }).waitFor();
  await audit(page, 'sign-in by email code');
  await page.getByLabel('Email', { exact: true }).fill('ana@demo.store');
  const since = Date.now() - 1000;
  await button(page, 'Send code').click();
  await page.getByLabel('Code', { exact: true }).waitFor();
  await audit(page, 'the code step');
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await button(page, 'Verify').click();
  await page.getByRole('status').filter({ hasText: /code/i }).first().waitFor();
  await audit(page, 'a wrong code');
  await page.getByLabel('Code', { exact: true }).fill(await outboxCode(session.server, 'ana@demo.store', since));
  await button(page, 'Verify').click();
  const menu = page.getByRole('button', { name: /^Account menu for / });
  await menu.waitFor();
  await audit(page, 'the Help Center signed in');
  await menu.click();
  await button(page, 'Sign out').waitFor();
  await audit(page, 'the open account menu');
  await button(page, 'Sign out').click();
  await button(page, 'Sign in').click();
  await button(page, 'With a password').click();
  await page.getByLabel('Password', { exact: true }).waitFor();
  await audit(page, 'sign-in with a password');
  await page.getByLabel('Email', { exact: true }).fill('carol@demo.store');
  await page.getByLabel('Password', { exact: true }).fill('demo-password-3');
  await button(page, 'Sign in').click();
  await button(page, 'Text message (SMS)').waitFor();
  await audit(page, 'the second factor');
  // The only problem the page reported is the wrong code's 400, which Chromium logs itself.
  assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);

  const bruno = await openPortal(session.browser, session.server.url, { bypassCSP: true });
  await button(bruno.page, 'Sign in').click();
  await signInFromForm(bruno.page, session.server, 'bruno@demo.store');
  await tab(bruno.page, 'New ticket').click();
  await bruno.page.getByText('You cannot open tickets for Loja da Ana yet').first().waitFor();
  await audit(bruno.page, 'the missing-resource screen');
  bruno.assertClean();
});

test('axe-core finds no violation on the ticket form, the confirmation, My requests and a ticket', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url, { bypassCSP: true });
  await button(page, 'Sign in').click();
  await signInFromForm(page, session.server, 'ana@demo.store');
  // The tabs stand in a tablist that says what they are, owning all three.
  const tablist = page.getByRole('tablist', { name: 'Sections', exact: true });
  assert.equal((await tablist.getAttribute('aria-owns')).split(' ').length, 3);
  await tab(page, 'New ticket').click();
  await page.getByLabel('Title', { exact: true }).waitFor();
  await audit(page, 'the ticket form before its kind is chosen');
  await radio(page, 'Unexpected behaviour').click();
  await radio(page, 'Buyers').waitFor();
  await audit(page, 'the ticket form');
  await answerIncident(page, 'Checkout fails', 'Every order fails at the payment step.');
  await button(page, 'Submit ticket').click();
  await page.getByText(/^Ticket #1001 was sent/).waitFor();
  await audit(page, 'the confirmation');
  await supportAdmin(session.server, 'reply', '1001', 'Which payment provider do you use?');
  await button(page, 'See it in My requests').click();
  await page.getByText('Which payment provider do you use?').waitFor();
  await audit(page, 'a ticket with a reply');
  await tab(page, 'My requests').click();
  await page.getByText(/^Tickets of /).waitFor();
  await audit(page, 'My requests');
  // Last, so that no field moves under a later click: the form with every field's error shown.
  await tab(page, 'New ticket').click();
  await button(page, 'Open another ticket').click();  // the confirmation stays until another is started
  await radio(page, 'Unexpected behaviour').click();
  await button(page, 'Submit ticket').click();
  await page.getByText('Check the fields marked above; nothing was sent.').waitFor();
  await audit(page, 'the ticket form with its errors');
  assertClean();
});
