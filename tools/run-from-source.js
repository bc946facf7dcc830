#!/usr/bin/env node
// `aks-labs-cdk8s` from the sources of a clone (cdk8s.yaml's app): see from-source.js.
'use strict';
require('./from-source').loadFromSource('command').runAsProcess();
