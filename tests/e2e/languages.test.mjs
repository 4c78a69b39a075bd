// Languages: the portal speaks the browser's language (English, Spanish, Portuguese), can be switched
// on screen (and remembers it), and writes dates and numbers the local way. Every word comes from
// assets/i18n; the font has every accented letter these languages need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserAndServers, button, openPortal, outboxCode, radio, startServer } from './harness.mjs';

const session = browserAndServers();

const signInScreens = [
  { locale: 'en-US', lang: 'en-US', heading: 'Sign in to VTEX Support', email: 'Email', send: 'Send code', code: 'Code',
    verify: 'Verify', title: 'Sign in · VTEX Support', emptyEmail: 'Type the email address registered on your store, like name@store.com.',
    menu: 'Account menu for Ana Souza' },
  { locale: 'es-ES', lang: 'es-ES', heading: 'Inicia sesión en el Soporte VTEX', email: 'Correo electrónico', send: 'Enviar código',
    code: 'Código', verify: 'Verificar', title: 'Iniciar sesión · Soporte VTEX',
    emptyEmail: 'Escribe el correo registrado en tu tienda, como nombre@tienda.com.', menu: 'Menú de la cuenta de Ana Souza' },
  { locale: 'pt-BR', lang: 'pt-BR', heading: 'Entre no Suporte VTEX', email: 'E-mail', send: 'Enviar código', code: 'Código',
    verify: 'Verificar', title: 'Entrar · Suporte VTEX', emptyEmail: 'Digite o e-mail cadastrado na sua loja, como nome@loja.com.',
    menu: 'Menu da conta de Ana Souza' },
];

for (const screen of signInScreens) {
  test(`the sign-in screen in the browser's language (${screen.locale}), from a wrong email to signed in`, async () => {
    session.server = await startServer({ args: ['--dev'] });  // --dev: the outbox the code is read from
    const { page, context, assertClean } = await openPortal(session.browser, session.server.url + '#/sign-in', { locale: screen.locale });
    await page.getByRole('heading', { name: screen.heading, level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), screen.lang);
    assert.equal(await page.title(), screen.title);
    const email = page.getByLabel(screen.email, { exact: true });
    assert.equal(await email.getAttribute('autocomplete'), 'username');

    await button(page, screen.send).click();  // nothing typed: told how, in the same language
    await page.getByText(screen.emptyEmail, { exact: true }).waitFor();

    await email.fill('ana@demo.store');
    const since = Date.now() - 1000;
    await button(page, screen.send).click();
    const code = page.getByLabel(screen.code, { exact: true });
    await code.waitFor();
    await code.fill(await outboxCode(session.server, 'ana@demo.store', since));
    await button(page, screen.verify).click();
    // Signed in: the user menu is named in the same language and holds the address.
    await button(page, screen.menu).click();
    await page.getByText('ana@demo.store', { exact: true }).waitFor();
    assertClean();
    await context.close();
  });
}

test('a language picked on screen changes every word at once and is kept after a reload', async () => {
  session.server = await startServer();
  const { page, context, assertClean } = await openPortal(session.browser, session.server.url + '#/sign-in');
  await page.getByRole('heading', { name: 'Sign in to VTEX Support', level: 1 }).waitFor();
  assert.equal(await button(page, 'English').getAttribute('aria-pressed'), 'true');
  // Each language is named in itself, and marked so, for a screen reader's voice.
  assert.equal(await button(page, 'Español').getAttribute('lang'), 'es');
  assert.equal(await button(page, 'Português').getAttribute('lang'), 'pt');

  await button(page, 'Português').click();
  await page.getByRole('heading', { name: 'Entre no Suporte VTEX', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).waitFor();
  assert.equal(await button(page, 'Português').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt');

  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await page.getByRole('heading', { name: 'Entre no Suporte VTEX', level: 1 }).waitFor();

  await button(page, 'Español').click();
  await page.getByRole('heading', { name: 'Inicia sesión en el Soporte VTEX', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Iniciar sesión · Soporte VTEX');
  assertClean();
  await context.close();
});

test('dates, times and the priority in the reader\'s language and time zone', async () => {
  session.server = await startServer();
  const { page, context, assertClean } = await openPortal(session.browser, session.server.url,
    { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await page.getByRole('heading', { name: 'Central de Ajuda', level: 1 }).waitFor();
  await button(page, 'Brasil').click();
  for (const name of ['Comportamento inesperado', 'Compradores', 'Recursos críticos']) await radio(page, name).click();
  await page.getByText('Prioridade: Urgente', { exact: true }).waitFor();
  const due = await page.getByText(/^Primeira resposta até /).textContent();
  assert.match(due, /^Primeira resposta até (seg|ter|qua|qui|sex|sáb|dom)\., \d{1,2} de (jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez)\., \d{2}:\d{2}, seu horário \(America\/Sao_Paulo\)$/);
  await page.getByText('Urgente quer dizer', { exact: true }).waitFor();

  await button(page, 'Español').click();
  const dueEs = await page.getByText(/^Primera respuesta antes del /).textContent();
  assert.match(dueEs, /^Primera respuesta antes del (lun|mar|mié|jue|vie|sáb|dom), \d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic), \d{2}:\d{2}, tu hora \(America\/Sao_Paulo\)$/);
  assertClean();
  await context.close();
});

test('before the portal runs, the page speaks the browser\'s language too: a failed download in Portuguese', async () => {
  session.server = await startServer();
  const context = await session.browser.newContext({ locale: 'pt-BR' });
  const page = await context.newPage();
  await page.route(/\/portal\.[0-9a-f]{10}\.wasm$/, (route) => route.abort('connectionreset'));
  await page.goto(session.server.url);
  const error = page.getByRole('alert');
  await error.waitFor();
  assert.equal(await error.textContent(), 'Não foi possível baixar o portal: verifique sua conexão e tente de novo.');
  await page.getByRole('button', { name: 'Tentar de novo', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt');
  await context.close();
});

test('only the reader\'s catalog comes with the portal; another comes on a switch, and a failed one keeps the language', async () => {
  session.server = await startServer();
  const { page, context } = await openPortal(session.browser, session.server.url + '#/sign-in');
  await page.getByRole('heading', { name: 'Sign in to VTEX Support', level: 1 }).waitFor();
  const catalogs = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.match(/i18n-([a-z]+)\.[0-9a-f]{10}\.json$/)).filter(Boolean).map((m) => m[1]));
  assert.deepEqual(await catalogs(), ['en']);

  // The Spanish catalog cannot be fetched: the words stay English and the reader is told.
  await page.route(/\/i18n-es\.[0-9a-f]{10}\.json$/, (route) => route.abort('connectionreset'));
  await button(page, 'Español').click();
  await page.getByText('Español could not be loaded, so the portal stays in this language. Check your connection and choose it again.',
    { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Sign in to VTEX Support', level: 1 }).waitFor();
  assert.equal(await button(page, 'English').getAttribute('aria-pressed'), 'true');

  // Back online: choosing it again switches.
  await page.unroute(/\/i18n-es\.[0-9a-f]{10}\.json$/);
  await button(page, 'Español').click();
  await page.getByRole('heading', { name: 'Inicia sesión en el Soporte VTEX', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.ok((await catalogs()).includes('es'));
  await context.close();
});
