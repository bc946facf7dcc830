#!/usr/bin/env node
// `aks-labs-cdk8s` from the sources of a clone (cdk8s.yaml's app): see from-source.js.
'use strict';
const { runCli } = require('./from-source').loadFromSource();

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
