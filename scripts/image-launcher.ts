/**
 * The console image's entry point, bundled into dist/shipyard-console.cjs by scripts/bundle-launcher:
 * the same launcher as `npm run serve` (WebSockets and the optional gateway included), on Next's
 * standalone output instead of a checkout, without tsx and the full node_modules.
 */
import './standalone-config';
import './serve';
