import type { Page } from '@playwright/test';

/**
 * Signs the seeded admin in on a console with a fresh database: the first sign-in must change the
 * default password before any page or API call is served, so the benchmark does that first.
 */
export async function signInFreshAdmin(page: Page, base: string): Promise<void> {
  const next = 'bench-s3cret-pass-1'; // not the username, not the default
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('shipyard');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Current password').fill('shipyard');
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Repeat the new password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}
