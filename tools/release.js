#!/usr/bin/env node
// Releases the package (docs/releasing.md):
//
//   node tools/release.js bump <patch|minor|major|x.y.z>   npx projen bump <...>
//     Sets package.json's version with `npm version` (package-lock.json too), names the
//     CHANGELOG's "## Unreleased" section after it, commits the three files and tags v<version>.
//   node tools/release.js publish [--dry-run] [npm publish options]   npx projen release [...]
//     On a clean checkout of the tagged commit: runs .ci/run, then publishes the tarball it
//     tested (pkg/js/) with `npm publish`.
//   node tools/release.js check
//     CI: package.json's version is the CHANGELOG's newest release (0.0.0 before the first).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const UNRELEASED = /^## Unreleased[ \t]*$/m;
/** A release heading: `## 1.2.3 (2026-12-03)`. */
const RELEASED = /^## (\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b.*$/m;
const VERSION_ARGUMENT = /^(patch|minor|major|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/;

class ReleaseError extends Error {}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
}

function packageJson() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** The newest release heading's version, or undefined before the first release. */
function newestRelease(changelog) {
  return RELEASED.exec(changelog)?.[1];
}

/** `https://github.com/o/r` for the forms package.json and git remotes write (`git+https://...git`, `git@github.com:o/r.git`). */
function repositoryAddress(url) {
  return url.replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '').replace(/\/$/, '');
}

function check() {
  const version = packageJson().version;
  const released = newestRelease(fs.readFileSync(CHANGELOG, 'utf8'));
  if ((released ?? '0.0.0') !== version) {
    throw new ReleaseError(released === undefined
      ? `package.json's version is ${version}, but CHANGELOG.md has no release heading ("## ${version} (<date>)"): release with npx projen bump`
      : `package.json's version is ${version}, but CHANGELOG.md's newest release is ${released}: release with npx projen bump, never by hand`);
  }
  console.log(`version ${version}: ${released === undefined ? 'unreleased (CHANGELOG.md has no release yet)' : 'CHANGELOG.md\'s newest release'}`);
}

function bump(argument) {
  if (argument === undefined || !VERSION_ARGUMENT.test(argument)) {
    throw new ReleaseError('usage: npx projen bump <patch|minor|major|x.y.z>');
  }
  const files = ['package.json', 'package-lock.json', 'CHANGELOG.md'];
  const changed = git('status', '--porcelain', '--', ...files);
  if (changed) throw new ReleaseError(`commit or undo the changes to these first, so that the release commit holds only the release:\n${changed}`);
  const changelog = fs.readFileSync(CHANGELOG, 'utf8');
  const unreleased = UNRELEASED.exec(changelog);
  if (!unreleased) throw new ReleaseError('CHANGELOG.md has no "## Unreleased" section: there is nothing to release');
  const section = changelog.slice(unreleased.index + unreleased[0].length).split(/^## /m)[0];
  if (!section.trim()) throw new ReleaseError('the "## Unreleased" section of CHANGELOG.md is empty: say what the release changes first');

  const previous = packageJson().version;
  const originals = new Map(files.map((file) => [file, fs.readFileSync(path.join(ROOT, file))]));
  let version;
  try {
    run('npm', ['version', argument, '--no-git-tag-version', '--ignore-scripts']);
    version = packageJson().version;
    if (git('tag', '--list', `v${version}`)) throw new ReleaseError(`the tag v${version} exists already`);
    const date = new Date().toISOString().slice(0, 10);
    fs.writeFileSync(CHANGELOG, changelog.replace(UNRELEASED, `## ${version} (${date})`));
    // projen writes package.json; .projenrc.ts keeps the version npm wrote.
    run('npx', ['projen']);
    if (packageJson().version !== version) throw new ReleaseError(`npx projen wrote version ${packageJson().version} instead of ${version}`);
    check();
  } catch (error) {
    for (const [file, content] of originals) fs.writeFileSync(path.join(ROOT, file), content);
    throw error;
  }
  const tag = `v${version}`;
  run('git', ['add', '--', ...files]);
  run('git', ['commit', '--quiet', '-m', `Release ${version}`, '-m', `${previous} -> ${version}: CHANGELOG.md's Unreleased section is now ${version}'s.`, '--', ...files]);
  run('git', ['tag', '-a', tag, '-m', `aks-labs-cdk8s ${version}`]);
  console.log(`\nCommitted and tagged ${tag}. Next: npx projen release (runs CI, then npm publish), then git push origin HEAD ${tag}`);
}

function publish(args) {
  const dryRun = args.includes('--dry-run');
  const status = git('status', '--porcelain', '--untracked-files=all');
  if (status) throw new ReleaseError(`publish from a clean checkout of the release commit; this one has changes:\n${status}`);
  const pkg = packageJson();
  const tag = `v${pkg.version}`;
  if (pkg.version === '0.0.0') throw new ReleaseError('the version is 0.0.0: cut a release with npx projen bump first');
  check();
  if (!git('tag', '--points-at', 'HEAD').split('\n').includes(tag)) throw new ReleaseError(`HEAD is not tagged ${tag}: check out the release's tag`);
  const repository = repositoryAddress(pkg.repository?.url ?? '');
  let origin;
  try {
    origin = repositoryAddress(git('remote', 'get-url', 'origin'));
  } catch {
    origin = undefined;
  }
  if (origin !== repository) {
    const message = `package.json's repository is ${repository}, the git remote origin is ${origin ?? 'not set'}: correct REPOSITORY in .projenrc.ts or the remote`;
    if (!dryRun) throw new ReleaseError(message);
    console.warn(`warning: ${message}`);
  }

  run(path.join(ROOT, '.ci', 'run'), []);
  const tarball = path.join(ROOT, 'pkg', 'js', `${pkg.name}-${pkg.version}.tgz`);
  if (!fs.existsSync(tarball)) throw new ReleaseError(`.ci/run left no ${path.relative(ROOT, tarball)}`);
  run('npm', ['publish', tarball, ...args]);
  if (!dryRun) console.log(`\nPublished ${pkg.name}@${pkg.version}. Push the release: git push origin HEAD ${tag}`);
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'bump' && args.length <= 1) bump(args[0]);
  else if (command === 'publish') publish(args);
  else if (command === 'check' && args.length === 0) check();
  else throw new ReleaseError('usage: node tools/release.js bump <patch|minor|major|x.y.z> | publish [--dry-run] [npm publish options] | check');
} catch (error) {
  if (!(error instanceof ReleaseError) && error.status === undefined) throw error;
  console.error(`release: ${error instanceof ReleaseError ? error.message : `${error.message.split('\n')[0]}`}`);
  process.exitCode = 1;
}
