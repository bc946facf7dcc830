#!/usr/bin/env node
import { runAsProcess } from './run';

runAsProcess();
