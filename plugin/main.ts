// Entry of the bundled CLI (npm run build:plugin → dist/shipyard-ipam.cjs). cli.ts recognises
// being run directly through import.meta, which a CommonJS bundle does not have.
import { runCli } from './cli';

runCli();
