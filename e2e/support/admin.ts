import { expect, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/** auth.spec.ts changes the admin's password to this at the end of its story (one database per run). */
const CHANGED_ADMIN_PASSWORD = 'a-much-better-secret-42';

/** Signs in as admin whichever spec ran first: the seeded password, else the one auth.spec set. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, 'admin', 'shipyard');
  const dashboard = page.getByRole('heading', { name: 'Dashboard' });
  const refused = page.getByTestId('login-error');
  await expect(dashboard.or(refused)).toBeVisible();
  if (await refused.isVisible()) await signIn(page, 'admin', CHANGED_ADMIN_PASSWORD);
  await expect(dashboard).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('admin');
}
