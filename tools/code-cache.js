// Loads a CommonJS bundle with V8's code cache: the code the first run compiled is kept in
// `<bundle>.cache` beside it (when the folder is writable), so later runs skip parsing and
// compiling ~1 MB of JavaScript. A cache from another Node version is rejected and rewritten.
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

function requireWithCodeCache(file, parent) {
  const cacheFile = `${file}.cache`;
  const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const loaded = new Module(file, parent);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(loaded.exports, loaded.exports, (id) => loaded.require(id), loaded, file, path.dirname(file));
  loaded.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written when the run ends, so the cache also holds the functions the run compiled lazily.
    process.once('exit', () => {
      try {
        const staging = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(staging, script.createCachedData());
        fs.renameSync(staging, cacheFile);
      } catch {
        // A read-only install runs without the cache.
      }
    });
  }
  return loaded.exports;
}

module.exports = { requireWithCodeCache };
