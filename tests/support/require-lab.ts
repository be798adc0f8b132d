// Lab tests run against the multi-host lab (scripts/lab up; tests/lab/run does it). Fail fast,
// with the fix, when its environment is missing instead of skipping everything quietly.
if (!process.env.SHIPYARD_LAB_DOCKERS || !process.env.SHIPYARD_LAB_RUN_DIR) {
  throw new Error('lab tests need the lab: run `npm run test:lab` (or `scripts/lab up` and `source <(scripts/lab env)`).');
}
export {};
