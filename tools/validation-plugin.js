// The library's cdk8s validation plugin, from the sources of a clone (cdk8s.yaml's validations).
'use strict';
module.exports = require('./from-source').loadFromSource('plugin');
