// Pulls an image on the host a create was placed on, as classic swarm's manager did: the docker
// CLI's own pull would go to the manager only. Docker reports a failed pull inside a 200 stream.
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';
import { normalizeImage } from '@/lib/placement/inventory';
import type { Upstream } from './upstream';

/** A pull is given this long (a large image over a slow link) before the host counts as unable to pull. */
const PULL_TIMEOUT_MS = 10 * 60_000;

/** The last error a pull stream carried, or null when it ended without one. */
export function pullStreamError(text: string): string | null {
  let error: string | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') error = parsed.error;
    } catch {
      // progress lines only; a line cut short is not an error of the pull
    }
  }
  return error;
}

/** Null when the image is now on the engine; else why it is not, in one line. `auth`: the X-Registry-Auth value to send. */
export function pullImageOn(upstream: Upstream, image: string, auth?: string): Promise<string | null> {
  // With its tag (busybox → busybox:latest): fromImage without one would pull every tag.
  const path = `/v1.41/images/create?fromImage=${encodeURIComponent(normalizeImage(image))}`;
  return new Promise((resolve) => {
    const request = upstream.request('POST', path, { 'content-length': 0, ...(auth !== undefined ? { 'x-registry-auth': auth } : {}) });
    request.setTimeout(PULL_TIMEOUT_MS, () => request.destroy(new Error(`the pull took more than ${PULL_TIMEOUT_MS / 60_000} minutes`)));
    request.once('error', (error) => resolve(hideSocketPaths(`the engine${engineAt(upstream.url)} failed the pull: ${error.message}`)));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => resolve(error.message));
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200) {
          const message = pullStreamError(text) ?? (/"message":"([^"]*)"/.exec(text)?.[1] ?? `status ${response.statusCode ?? 0}`);
          resolve(message);
        } else resolve(pullStreamError(text));
      });
    });
    request.end();
  });
}
