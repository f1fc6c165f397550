import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support';

test('the hero shows the visit email as a labelled example, with nothing to tap @phone', async ({ page }) => {
  await page.goto('/');
  const example = page.getByRole('img', { name: /^Example of a visit card/ });
  await expect(example).toBeVisible();
  await expect(example.getByText('Example', { exact: true })).toBeVisible();
  // No control hides in it: nothing to focus, and no "Join video visit" button anywhere on the page.
  expect(await example.locator('a, button, input, [tabindex]').count()).toBe(0);
  await expect(page.getByRole('button', { name: /join video visit/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /join video visit/i })).toHaveCount(0);
});

test('an unknown address gets a branded 404 page with the header, footer and a way back @phone', async ({
  page,
}) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'We can’t find that page' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('every page names the favicon, and it is served', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/icon/);
  const icon = await request.get(href ?? '');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});

test('the header collapses into a menu button on a phone, and shows in full on a desktop @phone', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  if (testInfo.project.name !== 'phone') {
    await expect(menu).toBeHidden();
    await expect(nav.getByRole('link', { name: 'How it works' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Sign up' })).toBeVisible();
    return;
  }
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'FAQ' })).toBeHidden();
  // A tap target a thumb can hit.
  const box = await menu.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  expect(box?.width).toBeGreaterThanOrEqual(44);

  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'FAQ' })).toBeVisible();
  expect((await nav.getByRole('link', { name: 'FAQ' }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
  await expectNoSeriousA11yViolations(page);

  await nav.getByRole('link', { name: 'FAQ' }).focus();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  await menu.tap();
  await nav.getByRole('link', { name: 'Sign up' }).tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page).toHaveURL(/#signup$/);
});

test('clinician pages do not offer the patient sign-up @phone', async ({ page }, testInfo) => {
  await page.goto('/clinicians/apply');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Apply to join our clinical network' }),
  ).toBeVisible();
  if (testInfo.project.name === 'phone') await page.getByRole('button', { name: 'Menu' }).tap();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'FAQ' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up' })).toHaveCount(0);
});

test('the clinician confirmation says credentialing takes weeks, not days', async ({ page }) => {
  await page.goto('/clinicians/apply/submitted?ref=CA-7K3P-9QXA');
  await expect(page.getByRole('heading', { level: 1, name: 'Application received' })).toBeVisible();
  await expect(page.getByText(/This usually takes 2 to 6 weeks/)).toBeVisible();
  await expect(page.getByText(/business days/)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Sign up' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
