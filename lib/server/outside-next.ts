import Module, { createRequire } from 'node:module';

/**
 * Makes this plain Node process (scripts/serve.ts, run by tsx) a place where the console's lib
 * modules load as they do inside Next's server bundles. Import it before anything else.
 *
 * `server-only` is a marker: its "react-server" export is empty, its default export throws, so
 * that a lib module pulled into a browser bundle fails the build. Next's server bundles resolve
 * it to the empty module; plain Node resolves the throwing one. The launcher's process is the
 * server by definition, so the marker's module is put into Node's require cache (documented:
 * entries may be added) as an empty module, exactly what Next's bundles get. This touches only
 * this process: `next build` and the browser bundles keep the check.
 */
const localRequire = createRequire(__filename);
const marker = localRequire.resolve('server-only');
const empty = new Module(marker);
empty.filename = marker;
empty.loaded = true;
empty.exports = {};
localRequire.cache[marker] = empty;

// As `next start` does: React and Next pick their production builds from it.
if (process.env.NODE_ENV !== 'production') Object.assign(process.env, { NODE_ENV: 'production' });
