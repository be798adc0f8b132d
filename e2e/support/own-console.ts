import { expect, type Page } from '@playwright/test';
import { startConsole, type ConsoleProcess } from './console-process';

/**
 * A console of its own (port E2E_PORT+1, a fresh database), for specs that need the first
 * admin's password as seeded whatever ran before them. Stop it in afterAll.
 */
export function startOwnConsole(label: string, env: Record<string, string> = {}): Promise<ConsoleProcess> {
  return startConsole(Number(process.env.E2E_PORT ?? 8090) + 1, { SHIPYARD_DATABASE_NAME: `e2e_${label}_${Date.now()}`, ...env });
}

export async function signInAt(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAtAndExpectDashboard(page: Page, base: string, username: string, password: string): Promise<void> {
  await signInAt(page, base, username, password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText(username);
}
