// node scripts/image-modules.cjs DEST PACKAGE...: copies each package with every dependency it
// needs at run time (dependencies and the optional ones that are installed, found the way Node
// finds them) from ./node_modules to DEST/node_modules, keeping the layout. The images ship
// only these instead of the whole node_modules.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [destination, ...names] = process.argv.slice(2);
if (!destination || names.length === 0) {
  console.error('usage: node scripts/image-modules.cjs DEST PACKAGE...');
  process.exit(2);
}
const root = process.cwd();

/** The folder Node would load `name` from when required by a file in `from`. */
function locate(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

/** Never loaded at run time: type declarations, source maps, documentation, native sources. */
const SKIPPED_PACKAGES = /^@types\//;
const SKIPPED_FILES = /\.(d\.[cm]?ts|map|md|markdown|ts|cc|cpp|c|h|hpp|gyp|gypi)$/i;
const SKIPPED_FOLDERS = new Set(['test', 'tests', '__tests__', 'docs', 'doc', 'example', 'examples', 'deps', 'src', '.github', 'obj.target']);
/** A native addon's build folder keeps only the built addon. */
const keep = (source) => {
  const base = path.basename(source);
  if (fs.statSync(source).isDirectory()) return !SKIPPED_FOLDERS.has(base) || base === 'src' && !fs.existsSync(path.join(path.dirname(source), 'binding.gyp'));
  return !SKIPPED_FILES.test(base);
};

const copied = new Set();
function copy(name, from, optional) {
  if (SKIPPED_PACKAGES.test(name)) return;
  const dir = locate(name, from);
  if (!dir) {
    if (optional) return;
    throw new Error(`${name} (needed from ${path.relative(root, from) || '.'}) is not installed`);
  }
  if (copied.has(dir)) return;
  copied.add(dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  fs.cpSync(dir, path.join(destination, path.relative(root, dir)), { recursive: true, dereference: false, filter: keep });
  for (const dependency of Object.keys(manifest.dependencies ?? {})) copy(dependency, dir, false);
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) copy(dependency, dir, true);
}

for (const name of names) copy(name, root, false);
console.log(`image-modules: ${copied.size} packages into ${destination}`);
