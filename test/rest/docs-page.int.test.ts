import { existsSync } from 'node:fs';
import { dialects } from '@vexil/gateway';
import { sharedTestPlatform, startTestPlatform } from '@vexil/testing';
import { chromium, type Browser } from 'playwright-core';

// Issue 11: `/docs` renders the OpenAPI document in a real browser, from assets Vexil serves itself.

const CHROMIUM = '/usr/bin/chromium';

const vexil = sharedTestPlatform();
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await vexil.dispose();
});

it('renders every dialect and resource of the document, with nothing fetched from elsewhere', async () => {
  const page = await browser.newPage();
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(vexil.url) && !request.url().startsWith('data:'))
      elsewhere.push(request.url());
  });
  await page.goto(`${vexil.url}/docs`);
  await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
  const rendered = await page.$$eval('.opblock-tag', (tags) =>
    tags.map((tag) => tag.getAttribute('data-tag')),
  );
  const document = (await vexil.http('GET', '/docs/openapi.json')).body;
  expect(rendered).toEqual(document.tags.map((tag: { name: string }) => tag.name));
  for (const dialect of dialects)
    expect(rendered.some((tag) => tag?.startsWith(`${dialect.title} · `))).toBe(true);
  expect(await page.textContent('.info .title')).toContain('Vexil REST API');
  expect(elsewhere).toEqual([]);
  await page.close();
}, 60_000);

it('is off when API_DOCS is false, as in production', async () => {
  const production = await startTestPlatform({ API_DOCS: 'false' });
  try {
    expect((await production.http('GET', '/docs')).status).toBe(404);
    expect((await production.http('GET', '/openapi.json')).status).toBe(404);
  } finally {
    await production.dispose();
  }
});
