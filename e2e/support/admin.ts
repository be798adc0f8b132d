import { expect, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/** auth.spec changes the admin's password at the end of its story; later files sign in with either. */
export const ADMIN_PASSWORDS = ['shipyard', 'a-much-better-secret-42'];

export async function signInAsAdmin(page: Page): Promise<void> {
  for (const password of ADMIN_PASSWORDS) {
    await signIn(page, 'admin', password);
    const dashboard = page.getByRole('heading', { name: 'Dashboard' });
    await expect(dashboard.or(page.getByTestId('login-error'))).toBeVisible();
    if (await dashboard.isVisible()) return;
  }
  throw new Error('the admin could sign in with none of the known passwords');
}

/** An account of the given role, made by the admin through the API (a 409 if an earlier test made it is fine). */
export async function ensureAccount(page: Page, username: string, password: string, role: 'viewer' | 'operator'): Promise<void> {
  const response = await page.request.post('/api/v1/accounts', { data: { username, password, role } });
  expect([201, 409]).toContain(response.status());
}
