// The live SLA preview in a real browser: answers chosen by role and name, priority and deadline read
// back from the page, and the same figures from the server's POST /api/sla/preview.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openPortal, sleep, startServer } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const statusText = async (page, prefix) =>
  (await page.getByRole('status').filter({ hasText: prefix }).first().textContent()).trim();

test('changing the impact changes the priority and the deadline shown', async () => {
  const portal = await openPortal(browser, server.url, { timezoneId: 'America/Sao_Paulo' });
  const { page } = portal;
  await page.getByRole('button', { name: 'Brazil' }).click();
  await page.getByRole('radio', { name: 'Unexpected behaviour' }).check();
  await page.getByRole('radio', { name: 'Admin users' }).check();
  await page.getByRole('radio', { name: 'Important resources' }).check();
  await page.getByRole('status').filter({ hasText: 'Priority: Normal' }).waitFor();
  const normalDeadline = await statusText(page, 'First response by');

  await page.getByRole('radio', { name: 'Critical resources' }).check();
  await page.getByRole('status').filter({ hasText: 'Priority: High' }).waitFor();
  const highDeadline = await statusText(page, 'First response by');
  assert.notEqual(highDeadline, normalDeadline, 'a higher priority has an earlier deadline');
  assert.match(highDeadline, /^First response by \w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2} (AM|PM) your time \(America\/Sao_Paulo\)$/);

  await page.getByRole('radio', { name: 'Buyers' }).check();
  await page.getByRole('status').filter({ hasText: 'Priority: Urgent' }).waitFor();
  await page.getByRole('heading', { name: 'Urgent means' }).waitFor();
  portal.assertClean();
  await portal.context.close();
});

// With the browser's clock pinned to `opened`: Brazil, an incident for buyers on important resources.
async function answerBrazilHighAt(page, opened) {
  await page.clock.setFixedTime(new Date(opened));
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await page.getByRole('button', { name: 'Brazil' }).click();
  await page.getByRole('radio', { name: 'Unexpected behaviour' }).check();
  await page.getByRole('radio', { name: 'Buyers' }).check();
  await page.getByRole('radio', { name: 'Important resources' }).check();
  await page.getByRole('status').filter({ hasText: 'Priority: High' }).waitFor();
}

test('the page and the server agree on the deadline for the same answers and instant', async () => {
  // The browser's clock is pinned to a Friday evening in Sao Paulo; the server gets the same instant.
  const opened = '2026-03-06T22:15:00Z';
  const portal = await openPortal(browser, server.url, { timezoneId: 'America/Sao_Paulo' });
  const { page } = portal;
  await answerBrazilHighAt(page, opened);
  assert.equal(await statusText(page, 'First response by'),
    'First response by Mon, Mar 9, 5:00 PM your time (America/Sao_Paulo)');

  const response = await fetch(new URL('/api/sla/preview', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ region: 'brazil', answers: { kind: 'incident', users: 'buyers', impact: 'important' }, opened_at: opened }),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body, {
    region: 'brazil', priority: 'high', opened_at: opened, due_at: '2026-03-09T20:00:00Z', team_open: false,
    next_open_at: '2026-03-09T12:00:00Z',
  });
  portal.assertClean();
  await portal.context.close();

  // A British browser reads the same deadline on the 24-hour clock.
  const british = await openPortal(browser, server.url, { timezoneId: 'America/Sao_Paulo', locale: 'en-GB' });
  await answerBrazilHighAt(british.page, opened);
  assert.equal(await statusText(british.page, 'First response by'),
    'First response by Mon, Mar 9, 17:00 your time (America/Sao_Paulo)');
  british.assertClean();
  await british.context.close();
});

test('items below the fold are reachable: a click scrolls the portal to them', async () => {
  const portal = await openPortal(browser, server.url, { viewport: { width: 1000, height: 420 } });
  const { page } = portal;
  await page.getByRole('button', { name: 'US' }).click();
  const link = page.getByRole('link', { name: 'VTEX Support - United States' });
  await link.waitFor({ state: 'attached' });
  const before = await page.evaluate(() => document.getElementById('mirror').scrollTop);
  await page.getByLabel('Search articles').fill('United');
  await page.getByRole('link', { name: 'How does VTEX support work?' }).waitFor({ state: 'detached' });
  const after = await page.evaluate(() => document.getElementById('mirror').scrollTop);
  // The field was out of view (the region's articles scrolled it away): the portal scrolled to it.
  assert.notEqual(after, before, `the portal scrolled to the field (${before} -> ${after})`);
  const field = await page.getByLabel('Search articles').boundingBox();
  assert.ok(field.y >= 0 && field.y + field.height <= 420, `the field is in view (${JSON.stringify(field)})`);
  assert.equal(await page.getByLabel('Search articles').inputValue(), 'United');
  portal.assertClean();
  await portal.context.close();
});
