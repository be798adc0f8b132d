// Credentials are for the console, never for the engine; hop-by-hop headers describe one connection.
const NEVER_FORWARDED = new Set(['authorization', 'x-access-token', 'proxy-authorization', 'keep-alive', 'proxy-connection']);
const HOP_BY_HOP = new Set(['connection', 'upgrade', 'transfer-encoding', 'content-length']);

/** Node's raw header list [name, value, name, value, …] without the names `drop` picks. */
function filterRaw(raw: readonly string[], drop: (name: string) => boolean): string[] {
  const kept: string[] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    if (!drop(name.toLowerCase())) kept.push(name, raw[index + 1] ?? '');
  }
  return kept;
}

/**
 * Request headers for the engine. A streamed body keeps its framing (Content-Length or chunked);
 * a body the gateway read and holds is sent with its own length.
 */
export function requestHeadersForEngine(raw: readonly string[], heldBody: Buffer | null, contentType?: string | null): string[] {
  // Connection and Upgrade describe the caller's connection: an ordinary call never asks the engine for an upgrade.
  const kept = filterRaw(
    raw,
    (name) =>
      NEVER_FORWARDED.has(name) ||
      name === 'connection' ||
      name === 'upgrade' ||
      (heldBody !== null && (name === 'content-length' || name === 'transfer-encoding')) ||
      (contentType !== undefined && name === 'content-type'),
  );
  if (contentType) kept.push('Content-Type', contentType);
  if (heldBody !== null) kept.push('Content-Length', String(heldBody.length));
  return kept;
}

/** Headers for an upgraded call: Connection and Upgrade stay; the body the gateway read goes with its own length. */
export function upgradeHeadersForEngine(raw: readonly string[], body: Buffer, contentType?: string | null): string[] {
  const kept = filterRaw(raw, (name) => NEVER_FORWARDED.has(name) || name === 'transfer-encoding' || (contentType !== undefined && name === 'content-type'));
  if (contentType) kept.push('Content-Type', contentType);
  let framed = false;
  for (let index = 0; index + 1 < kept.length; index += 2) {
    if (kept[index]?.toLowerCase() !== 'content-length') continue;
    kept[index + 1] = String(body.length);
    framed = true;
  }
  if (!framed && body.length > 0) kept.push('Content-Length', String(body.length));
  return kept;
}

/** The engine's answer headers for the caller; Node frames the body again itself. */
export function responseHeadersForCaller(raw: readonly string[]): string[] {
  return filterRaw(raw, (name) => HOP_BY_HOP.has(name) && name !== 'content-length');
}
