import { expect, type Page } from '@playwright/test';
import { signInAt } from './own-console';

/** The seeded admin's first password, and the one the first sign-in changes it to. */
export const SEEDED_ADMIN_PASSWORD = 'shipyard';
export const NEW_ADMIN_PASSWORD = 'a-much-better-secret-42';

/**
 * Changes the password on the page every console page sends to while it must be changed
 * (an initial, reset or default password), and waits for the dashboard.
 */
export async function changePasswordOnFirstSignIn(page: Page, current: string, next: string): Promise<void> {
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Repeat the new password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

/**
 * Signs the admin in on the console at `base` ('' for the run's own), whichever spec ran first:
 * with the changed password, or with the seeded one, changing it as the console asks.
 */
export async function signInAsAdmin(page: Page, base = ''): Promise<void> {
  await signInAt(page, base, 'admin', NEW_ADMIN_PASSWORD);
  const dashboard = page.getByRole('heading', { name: 'Dashboard' });
  await expect(dashboard.or(page.getByTestId('login-error'))).toBeVisible();
  if (await dashboard.isVisible()) return;
  await signInAt(page, base, 'admin', SEEDED_ADMIN_PASSWORD);
  await changePasswordOnFirstSignIn(page, SEEDED_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
}

/**
 * An account of the given role, made by the admin through the API with a final password (a 409 if
 * an earlier test made it is fine).
 */
export async function ensureAccount(page: Page, username: string, password: string, role: 'viewer' | 'operator', base = ''): Promise<void> {
  const response = await page.request.post(`${base}/api/v1/accounts`, { data: { username, password, role, mustChangePassword: false } });
  expect([201, 409]).toContain(response.status());
}
