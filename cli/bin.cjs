#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim */
// The `capeo` bin: registers tsx (a runtime dependency) in this process and runs cli/capeo.ts.
require('tsx/cjs');
require('./capeo.ts').main(process.argv.slice(2));
