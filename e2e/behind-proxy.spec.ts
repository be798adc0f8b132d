// The console behind nginx (Debian's) with TLS at a host name, as deployed: the proxy runs
// deploy/nginx/shipyard.conf itself (e2e/support/nginx-proxy.ts), Chromium resolves shipyard.test
// to loopback and trusts exactly the test's certificate. Sign-in, every redirect, Secure cookies,
// the exec WebSocket, server-sent events and the Docker API gateway all go through the proxy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestCertificates } from '../tests/support/test-certificates';
import { changePasswordOnFirstSignIn, NEW_ADMIN_PASSWORD, SEEDED_ADMIN_PASSWORD } from './support/admin';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { startConsole, type ConsoleProcess } from './support/console-process';
import { startNginx, type RunningProxy } from './support/nginx-proxy';

test.describe.configure({ mode: 'serial' });

const HOST = 'shipyard.test';
const base = Number(process.env.E2E_PORT ?? 8090) + 20;
const ports = { console: base, gateway: base + 1, https: base + 2, http: base + 3, gatewayTls: base + 4 };
const origin = `https://${HOST}:${ports.https}`;
const certificates = makeTestCertificates({ serverNames: [HOST] });
// Chromium trusts this one certificate (by its public key), as a browser trusts a real one.
const spki = execFileSync('sh', ['-c', `openssl x509 -in '${certificates.files.serverCert}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`], { encoding: 'utf8' }).trim();

test.use({
  baseURL: origin,
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...chromiumArgs, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spki}`],
  },
});

const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
const container = `syproxy-e2e-${Date.now()}`;
const docker = (...args: string[]) => execFileSync('docker', ['-H', process.env.SHIPYARD_DOCKER ?? '', ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();

let consoleProcess: ConsoleProcess | undefined;
let proxy: RunningProxy | undefined;
/** Every Location header the browser was sent: none may name the bind address or another origin. */
const locations: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  docker('run', '-d', '--name', container, '--label', 'io.shipyard.test=e2e-proxy', image, 'sleep', '3600');
  consoleProcess = await startConsole(ports.console, {
    SHIPYARD_DATABASE_NAME: `e2e_proxy_${Date.now()}`,
    SHIPYARD_PUBLIC_URL: origin,
    SHIPYARD_TRUST_PROXY: '1',
    SHIPYARD_GATEWAY_LISTEN: `127.0.0.1:${ports.gateway}`,
  });
  proxy = await startNginx({
    dir: mkdtempSync(path.join(tmpdir(), 'syproxy-')),
    hostName: HOST,
    httpsPort: ports.https,
    httpPort: ports.http,
    gatewayTlsPort: ports.gatewayTls,
    consolePort: ports.console,
    gatewayPort: ports.gateway,
    cert: certificates.files.serverCert,
    key: certificates.files.serverKey,
  });
});

test.afterAll(async () => {
  await proxy?.stop();
  await consoleProcess?.stop();
  try {
    docker('rm', '-f', container);
  } catch {
    // never started
  }
  certificates.remove();
});

function recordRedirects(page: Page): void {
  page.on('response', (response) => {
    const location = response.headers()['location'];
    if (location) locations.push(location);
    const actionRedirect = response.headers()['x-action-redirect'];
    if (actionRedirect) locations.push(actionRedirect.split(';')[0] ?? actionRedirect);
  });
}

/** The Location answered to a plain-http GET on `port` with this Host header. */
function locationOf(port: number, pathname: string, host: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (response) => {
      response.resume();
      resolve(response.headers.location);
    });
    request.on('error', reject);
  });
}

/** A token made from the signed-in page, as its own script would (same origin, through the proxy). */
async function createToken(page: Page, name: string): Promise<{ status: number; secret: string }> {
  return page.evaluate(async (tokenName) => {
    const response = await fetch('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: tokenName, expiresInDays: 1 }) });
    const body = (await response.json()) as { secret?: string };
    return { status: response.status, secret: body.secret ?? '' };
  }, name);
}

/** The public origin's root, with or without a query (e.g. ?password=changed after the first change). */
const publicRoot = new RegExp(`^${origin.replace(/\./g, '\\.')}/(\\?.*)?$`);

/**
 * From the bare root (redirected to the login page), or from a deep link's login page. The first
 * sign-in on this console's fresh database is sent on to change the seeded password.
 */
async function signInThroughProxy(page: Page, returnTo = '/'): Promise<void> {
  const login = async (password: string) => {
    if (returnTo === '/') {
      await page.goto('/');
      await expect(page).toHaveURL(`${origin}/login?next=%2F`);
    } else {
      await page.goto(`/login?next=${encodeURIComponent(returnTo)}`);
    }
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  await login(NEW_ADMIN_PASSWORD);
  const error = page.getByTestId('login-error');
  await expect(error.or(page.getByTestId('current-user'))).toBeVisible();
  if (!(await error.isVisible())) return;
  await login(SEEDED_ADMIN_PASSWORD);
  await expect(page).toHaveURL(`${origin}/account/password`);
  await changePasswordOnFirstSignIn(page, SEEDED_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
}

test('sign-in, every redirect and the session cookie are on the public https origin', async ({ page, context }) => {
  recordRedirects(page);
  await signInThroughProxy(page);
  await expect(page).toHaveURL(publicRoot);
  await expect(page.getByTestId('current-user')).toContainText('admin');
  // A deep link's sign-in returns to it.
  await page.context().clearCookies();
  await signInThroughProxy(page, '/containers');
  await expect(page).toHaveURL(`${origin}/containers`);

  const session = (await context.cookies(origin)).find((cookie) => cookie.name.endsWith('authjs.session-token'));
  expect(session).toMatchObject({ name: '__Secure-authjs.session-token', secure: true, httpOnly: true, domain: HOST });

  // The bare root, signed in, and sign-out: each lands on the public origin.
  await page.goto('/');
  await expect(page).toHaveURL(`${origin}/`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin.replace(/\./g, '\\.')}/login`));

  // Plain http on the proxy is sent to https on the same host name.
  expect(await locationOf(ports.http, '/login', HOST)).toBe(`${origin}/login`);
  // A proxy that passes no forwarded headers and its upstream's name as Host (nginx's default),
  // straight at the console: next-auth's redirects stay on the public origin, never the bind address.
  for (const host of ['shipyard_console', `0.0.0.0:${ports.console}`]) {
    const location = await locationOf(ports.console, '/api/auth/signin', host);
    expect(location).toBe(`/login?callbackUrl=${encodeURIComponent(origin)}`);
  }

  expect(locations.length).toBeGreaterThan(0);
  for (const location of locations) {
    expect(location, 'a redirect left the public origin').toMatch(new RegExp(`^(/|${origin.replace(/\./g, '\\.')}/)`));
    expect(location).not.toMatch(/0\.0\.0\.0|127\.0\.0\.1|localhost/);
  }
});

test('the exec console WebSocket works through the proxy', async ({ page }) => {
  await signInThroughProxy(page);
  await expect(page).toHaveURL(publicRoot);
  await page.goto(`/containers/${container}`);
  const card = page.getByTestId('console');
  await card.getByRole('button', { name: 'Connect' }).click();
  await expect(card.getByTestId('console-status')).toHaveText('open');
  await page.keyboard.type('echo through-$((40+2))-proxy');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-terminal').locator('.xterm-rows > div').filter({ hasText: /^\s*through-42-proxy\s*$/ })).toHaveCount(1);
});

test('server-sent events arrive through the proxy as they happen', async ({ page }) => {
  await signInThroughProxy(page);
  await expect(page).toHaveURL(publicRoot);
  // An EventSource in the page, on the audit log's live feed; then an audited change.
  const marker = `sse-proxy-${Date.now()}`;
  const received = page.evaluate(
    (wanted) =>
      new Promise<string>((resolve, reject) => {
        const source = new EventSource('/api/v1/events/stream');
        const timer = setTimeout(() => reject(new Error('no audit event within 20 s')), 20_000);
        source.addEventListener('audit', (event) => {
          if (!(event as MessageEvent<string>).data.includes(wanted)) return;
          clearTimeout(timer);
          source.close();
          resolve((event as MessageEvent<string>).data);
        });
      }),
    marker,
  );
  await page.waitForTimeout(1_000);
  expect((await createToken(page, marker)).status).toBe(201);
  expect(await received).toContain(marker);
});

test('the Docker API gateway answers the docker CLI through its TLS port on the proxy, exec included', async ({ page }) => {
  await signInThroughProxy(page);
  await expect(page).toHaveURL(publicRoot);
  const { status, secret } = await createToken(page, `gateway-${Date.now()}`);
  expect(status).toBe(201);
  const config = mkdtempSync(path.join(tmpdir(), 'syproxy-docker-'));
  writeFileSync(path.join(config, 'config.json'), JSON.stringify({ HttpHeaders: { 'X-Access-Token': `admin:${secret}` } }));
  const viaProxy = (...args: string[]) =>
    execFileSync('docker', ['--config', config, '-H', `tcp://127.0.0.1:${ports.gatewayTls}`, '--tlsverify', '--tlscacert', certificates.files.ca, ...args], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  expect(viaProxy('ps', '--filter', `name=${container}`, '--format', '{{.Names}}')).toBe(container);
  // exec is a hijacked connection (Upgrade: tcp) through nginx.
  expect(viaProxy('exec', container, 'sh', '-c', 'echo gateway-$((6*7))')).toBe('gateway-42');
});
