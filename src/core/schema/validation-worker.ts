import { isMainThread, MessagePort, workerData } from 'worker_threads';
import { validateManifest } from './manifest-validation';

/**
 * The worker side of parallel schema validation (see `parallel-validation.ts`): this file is
 * the worker's script. It checks each chart's objects as they come and replies with the
 * problems found; it bumps a shared counter after every reply, so that the synthesis thread
 * can wait for replies without giving up its synchronous API.
 */

/** @internal The `workerData` key that starts this file as a validation worker. */
export const VALIDATION_WORKER_KEY = 'aksLabsSchemaValidation';

/** @internal What the synthesis thread sends: one chart's objects, or the end. */
export type ValidationRequest = { readonly chart: number; readonly objects: readonly unknown[] } | { readonly end: true };

/** @internal One problem: the object's index in its chart, what it is, the field and the message. */
export type ValidationProblem = readonly [object: number, subject: string, field: string, message: string];

/** @internal What the worker replies. */
export type ValidationReply =
  | { readonly ready: true }
  | { readonly chart: number; readonly problems: readonly ValidationProblem[] }
  | { readonly done: true }
  | { readonly failed: string };

/** @internal How a problem names its object: `Kind namespace/name`. */
export function describeObject(json: { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } }): string {
  const ns = json.metadata?.namespace ? `${json.metadata.namespace}/` : '';
  return `${json.kind} ${ns}${json.metadata?.name}`;
}

/** @internal The schema problems of one chart's objects. */
export function chartProblems(objects: readonly unknown[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  objects.forEach((json, index) => {
    for (const issue of validateManifest(json as object).issues) {
      problems.push([index, describeObject(json as object), issue.path || '/', issue.message]);
    }
  });
  return problems;
}

function serve(port: MessagePort, progress: Int32Array): void {
  const reply = (message: ValidationReply) => {
    port.postMessage(message);
    Atomics.add(progress, 0, 1);
    Atomics.notify(progress, 0);
  };
  port.on('message', (request: ValidationRequest) => {
    try {
      if ('end' in request) {
        reply({ done: true });
        port.close();
      } else {
        reply({ chart: request.chart, problems: chartProblems(request.objects) });
      }
    } catch (error) {
      reply({ failed: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
  reply({ ready: true });
}

if (!isMainThread && workerData?.[VALIDATION_WORKER_KEY] === true) {
  serve(workerData.port as MessagePort, new Int32Array(workerData.progress as SharedArrayBuffer));
}
