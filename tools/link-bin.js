#!/usr/bin/env node
// Makes `npx aks-labs-cdk8s` work in a clone: npm links the bins of a project's dependencies
// into node_modules/.bin, but not the project's own, so without this `npx aks-labs-cdk8s`
// answers "aks-labs-cdk8s: not found". Run as the npm `prepare` script (npm ci, npm install in
// the clone; never when a consumer installs the published package), or by hand:
//
//   node tools/link-bin.js            link node_modules/.bin/aks-labs-cdk8s (idempotent)
//   node tools/link-bin.js --check    exit 1, saying why, unless it is linked
//   node tools/link-bin.js --force    replace what is there, naming it
//
// The link is a small script that runs tools/run-from-source.js (the command from the clone's
// sources, bundled once per change), not a symbolic link: tools/run-from-source.js is not
// executable in git, and a script works whatever the file modes and on every platform. A file
// at that path that this script did not write (a symbolic link to an installed copy, say) is
// left as it is, with a warning naming it, unless --force is given.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN_DIR = path.join(ROOT, 'node_modules', '.bin');
const NAME = 'aks-labs-cdk8s';
const TARGET = path.join(ROOT, 'tools', 'run-from-source.js');
const MARK = '// written by tools/link-bin.js';

/** The files this script writes: the POSIX one always, npm's Windows shim beside it on Windows. */
function shims() {
  const files = [{
    file: path.join(BIN_DIR, NAME),
    content: [
      '#!/usr/bin/env node',
      `${MARK}: \`npx ${NAME}\` in this clone runs its sources (tools/run-from-source.js).`,
      "require(require('path').join(__dirname, '..', '..', 'tools', 'run-from-source.js'));",
      '',
    ].join('\n'),
  }];
  if (process.platform === 'win32') {
    files.push({
      file: path.join(BIN_DIR, `${NAME}.cmd`),
      content: `@rem ${MARK.slice(3)}\r\n@node "%~dp0\\..\\..\\tools\\run-from-source.js" %*\r\n`,
    });
  }
  return files;
}

/** What is at `file` now: absent, ours (with its content), or something else (described). */
function inspect(file) {
  let stat;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if (error.code === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  if (stat.isSymbolicLink()) return { state: 'foreign', what: `a symbolic link to ${fs.readlinkSync(file)}` };
  if (!stat.isFile()) return { state: 'foreign', what: 'not a file' };
  const content = fs.readFileSync(file, 'utf8');
  if (!content.includes(MARK.slice(3))) return { state: 'foreign', what: 'a file tools/link-bin.js did not write' };
  return { state: 'ours', content, executable: (stat.mode & 0o111) !== 0 };
}

function rel(file) {
  return path.relative(process.cwd(), file) || file;
}

function main(argv) {
  const unknown = argv.filter((a) => a !== '--check' && a !== '--force');
  if (unknown.length > 0) {
    process.stderr.write(`link-bin: unknown argument ${unknown[0]} (use --check or --force)\n`);
    return 2;
  }
  const check = argv.includes('--check');
  const force = argv.includes('--force');
  if (!fs.existsSync(TARGET)) {
    process.stderr.write(`link-bin: ${rel(TARGET)} does not exist; nothing to link\n`);
    return 1;
  }
  let status = 0;
  for (const { file, content } of shims()) {
    const found = inspect(file);
    const current = found.state === 'ours' && found.content === content && found.executable;
    if (current) continue;
    if (found.state === 'foreign' && !force) {
      // Left alone: someone put it there on purpose (npm link, a copy of the published package).
      process.stderr.write(`link-bin: warning: left ${rel(file)} as it is: it is ${found.what}, so \`npx ${NAME}\` does not run this clone's sources; `
        + `remove it, or run node tools/link-bin.js --force to replace it\n`);
      if (check) status = 1;
      continue;
    }
    if (check) {
      process.stderr.write(`link-bin: ${rel(file)} is ${found.state === 'absent' ? 'missing' : 'out of date'}: run node tools/link-bin.js (npm ci runs it)\n`);
      status = 1;
      continue;
    }
    fs.mkdirSync(BIN_DIR, { recursive: true });
    // Written beside it and renamed into place: a run killed half-way leaves the old file or none.
    const staging = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(staging, content, { mode: 0o755 });
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, file);
    if (found.state === 'foreign') process.stderr.write(`link-bin: replaced ${rel(file)} (it was ${found.what}), as --force asks\n`);
    else process.stdout.write(`link-bin: ${rel(file)} runs ${rel(TARGET)}\n`);
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
