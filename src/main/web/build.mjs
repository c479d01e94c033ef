// Builds the browser POS and kitchen screen into OUT (`mvn package` runs `npm run build -- OUT` after
// `npm ci`): the pages, the CSS and our ES modules as they are (no bundler), and the two files of the
// official Vert.x event-bus client from node_modules. Everything under assets/ goes into a folder named by
// a hash of its content, which the pages name: the node serves it as immutable, and a new build is a new
// URL, so a till never runs a stale module.
//
//   OUT/index.html, OUT/kds.html      the pages, naming /assets/<build>/
//   OUT/assets/...                    css/, js/, vendor/ (sockjs-client, vertx-eventbus.js and their licences)
//   OUT/build.json                    {"assets": "<build>"} for the node's router
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: npm run build -- OUTPUT_DIRECTORY');
  process.exit(2);
}

const vendor = [
  ['node_modules/sockjs-client/dist/sockjs.min.js', 'vendor/sockjs.min.js'],
  ['node_modules/sockjs-client/LICENSE', 'vendor/LICENSE-sockjs-client.txt'],
  ['node_modules/@vertx/eventbus-bridge-client.js/vertx-eventbus.js', 'vendor/vertx-eventbus.js'],
];

function files(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// What goes under assets/: [source path, path inside assets/], in a fixed order for the hash.
const assets = [
  ...files(join(here, 'assets')).map(path => [path, relative(join(here, 'assets'), path)]),
  ...vendor.map(([from, to]) => [join(here, from), to]),
].sort((a, b) => a[1].localeCompare(b[1]));

const hash = createHash('sha256');
for (const [from, to] of assets) {
  hash.update(to).update('\0').update(readFileSync(from)).update('\0');
}
const build = hash.digest('hex').slice(0, 16);

rmSync(out, { recursive: true, force: true });
for (const [from, to] of assets) {
  const target = join(out, 'assets', to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(from, target);
}
for (const page of readdirSync(join(here, 'pages'))) {
  const html = readFileSync(join(here, 'pages', page), 'utf8').replaceAll('%ASSETS%', `/assets/${build}`);
  writeFileSync(join(out, page), html);
}
writeFileSync(join(out, 'build.json'), JSON.stringify({ assets: build }) + '\n');
console.log(`browser POS and kitchen screen built into ${out} (assets ${build}, ${assets.length} files)`);
