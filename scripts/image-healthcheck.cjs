// The console image's HEALTHCHECK: healthy while the console answers /api/health with its report.
// A 503 (a store or the engine down) still counts: the console says so on its pages and recovers
// by itself, and restarting it would not bring the store back.
/* global AbortSignal */
'use strict';
const listen = process.env.SHIPYARD_LISTEN || ':8080';
const port = listen.slice(listen.lastIndexOf(':') + 1) || '8080';
fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) })
  .then((response) => process.exit(response.status === 200 || response.status === 503 ? 0 : 1))
  .catch(() => process.exit(1));
