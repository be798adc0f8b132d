/**
 * In the console image Next runs from its standalone output, which has neither next.config.js nor
 * what loading it needs: hand Next the configuration the build resolved, as the standalone
 * server.js does. Imported before scripts/serve.ts by scripts/image-launcher.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const requiredServerFiles = path.resolve(__dirname, '..', '.next', 'required-server-files.json');
const resolved = JSON.parse(readFileSync(requiredServerFiles, 'utf8')) as { config: unknown };
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(resolved.config);
