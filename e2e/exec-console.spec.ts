import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { ensureAccount, signInAsAdmin } from './support/admin';
import { signInAndExpectDashboard } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const name = `syexec-e2e-${Date.now()}`;

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

/** The terminal's rows as xterm.js renders them (its DOM renderer: one div per row). */
function terminalRow(page: Page, text: RegExp) {
  return page.getByTestId('console-terminal').locator('.xterm-rows > div').filter({ hasText: text });
}

test.beforeAll(() => {
  docker('run', '-d', '--name', name, '--label', 'io.shipyard.test=e2e-exec', image, 'sleep', '3600');
});

test.afterAll(() => {
  try {
    docker('rm', '-f', name);
  } catch {
    // already removed by the test
  }
});

test('a running container has a console: what is typed runs there, and the session is audited', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/containers/${name}`);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  const card = page.getByTestId('console');
  await card.getByRole('button', { name: 'Connect' }).click();
  await expect(card.getByTestId('console-status')).toHaveText('open');
  await expect(terminalRow(page, /\/ #/)).not.toHaveCount(0);

  await page.keyboard.type('echo shipyard-exec');
  await page.keyboard.press('Enter');
  // The typed line shows "echo shipyard-exec"; a row that is exactly the word is the shell's output.
  await expect(terminalRow(page, /^\s*shipyard-exec\s*$/)).toHaveCount(1);
  // The terminal was fitted to its box and told the TTY its size.
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await expect(terminalRow(page, /^\s*\d+ \d+\s*$/)).toHaveCount(1);
  const [rows, cols] = ((await terminalRow(page, /^\s*\d+ \d+\s*$/).textContent()) ?? '').trim().split(' ').map(Number);
  expect(cols).toBeGreaterThan(60);
  expect(rows).toBeGreaterThan(10);
  await page.screenshot({ path: 'docs/screenshots/container-console.png', fullPage: true });

  await page.keyboard.type('exit 7');
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('console-notice')).toHaveText('The command exited with code 7.');
  await expect(card.getByTestId('console-status')).toHaveText('closed');

  const events = await (await page.request.get('/api/v1/events?action=container.exec')).json();
  expect(events.events).toContainEqual(expect.objectContaining({ actor: 'admin', outcome: 'success', target: expect.stringContaining(name), details: expect.objectContaining({ command: 'sh' }) }));
  const ended = await (await page.request.get('/api/v1/events?action=container.exec.end')).json();
  expect(ended.events).toContainEqual(expect.objectContaining({ actor: 'admin', target: expect.stringContaining(name), details: expect.objectContaining({ exitCode: 7, endedBy: 'command' }) }));
});

test('the console command is split as sh would: its words are shown before it runs, an open quote is said and runs nothing', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/containers/${name}`);
  const card = page.getByTestId('console');
  const command = card.getByLabel('Console command');

  await command.fill('sh -c "echo');
  await expect(card.getByTestId('console-command-problem')).toContainText('quote');
  await card.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  await expect(page.getByTestId('console-terminal')).toHaveCount(0);

  // One argument with spaces, quotes and a variable, as sh would pass it; it waits for a line so the output follows the attach.
  await command.fill(`sh -c 'read word; echo "got [$word]"; exit 3'`);
  await expect(card.getByTestId('console-command-problem')).toHaveCount(0);
  await expect(card.getByTestId('console-command-words').locator('li')).toHaveText(['sh', '-c', 'read word; echo "got [$word]"; exit 3']);
  await card.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  await expect(card.getByTestId('console-status')).toHaveText('open');
  await page.getByTestId('console-terminal').click();
  await page.keyboard.type('split as sh');
  await page.keyboard.press('Enter');
  await expect(terminalRow(page, /^\s*got \[split as sh\]\s*$/)).toHaveCount(1);
  await expect(card.getByTestId('console-notice')).toHaveText('The command exited with code 3.');
});

test('a viewer has no console, and its socket is refused', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureAccount(page, 'vic', 'viewer-password-2', 'viewer');
  await page.context().clearCookies();
  await signInAndExpectDashboard(page, 'vic', 'viewer-password-2');
  await page.goto(`/containers/${name}`);
  await expect(page.getByTestId('container-state')).toHaveText('running');
  await expect(page.getByTestId('console')).toHaveCount(0);
  // Opened by hand from the page, with the viewer's cookie: the handshake fails.
  const outcome = await page.evaluate(
    (path) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${window.location.host}${path}`);
        socket.onopen = () => resolve('open');
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    `/api/v1/containers/${name}/exec`,
  );
  expect(outcome).toBe('closed 1006');
});

test('a stopped container has no console; the admin removes it', async ({ page }) => {
  await signInAsAdmin(page);
  docker('stop', '-t', '0', name);
  await page.goto(`/containers/${name}`);
  await expect(page.getByTestId('container-state')).toHaveText('exited');
  await expect(page.getByTestId('console')).toHaveCount(0);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Remove' }).click();
  await expect(page).toHaveURL(/\/containers$/);
  expect(() => docker('inspect', name)).toThrow();
});
