import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { VALIDATION_WORKER_KEY, ValidationProblem, ValidationReply, ValidationRequest } from './validation-worker';

/**
 * Where a synthesis checks objects against their schemas: `main` in its own thread, `worker`
 * in a worker thread while the synthesis renders and writes the next charts, `auto` in a
 * worker for apps of {@link PARALLEL_VALIDATION_MIN_OBJECTS} objects or more when one can start.
 */
export const VALIDATION_THREADS = ['auto', 'worker', 'main'] as const;

/** See {@link VALIDATION_THREADS}. */
export type ValidationThread = typeof VALIDATION_THREADS[number];

/**
 * From this many objects `auto` validates in a worker; below, starting one (~50 ms of loading
 * schemas in a second thread) costs more than it saves.
 */
export const PARALLEL_VALIDATION_MIN_OBJECTS = 2000;

/** How long the synthesis waits for a worker that answers nothing before giving up on it. */
const STALL_MS = 30_000;

/**
 * The worker's script: `validation-worker.js` beside this file when it runs from its own
 * compiled file, or the file this library's own bundles name at build time (esbuild `define`).
 * Undefined when running from TypeScript sources or inside another bundle: there is no script
 * a worker could load, or loading the bundle would run its app a second time.
 */
function workerScript(): string | undefined {
  const bundled = process.env.AKS_LABS_VALIDATION_WORKER;
  const script = bundled ? path.resolve(__dirname, bundled)
    : path.basename(__filename) === 'parallel-validation.js' ? path.join(__dirname, 'validation-worker.js') : undefined;
  return script !== undefined && fs.existsSync(script) ? script : undefined;
}

/**
 * @internal Schema validation in a worker thread, fed chart by chart and waited for synchronously
 * at the end. Internal like the worker's message types it uses: the package's index does not
 * export it, and a public declaration naming a stripped type does not compile for a consumer.
 */
export class ParallelValidation {
  /**
   * A worker for a synthesis of `objects` objects, or undefined when the objects are to be
   * checked in the synthesis thread. Throws when `thread` is `worker` and none can start.
   */
  public static start(thread: ValidationThread, objects: number): ParallelValidation | undefined {
    if (thread === 'main' || (thread === 'auto' && objects < PARALLEL_VALIDATION_MIN_OBJECTS)) return undefined;
    const script = workerScript();
    if (script === undefined) {
      if (thread === 'worker') {
        throw new Error("validationThread 'worker': no worker script to start (the library runs from TypeScript sources or from inside another bundle); use 'auto' or 'main'");
      }
      return undefined;
    }
    return new ParallelValidation(script);
  }

  private readonly progress = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failure: unknown;

  private constructor(script: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(script, {
      workerData: { [VALIDATION_WORKER_KEY]: true, port: port2, progress: this.progress.buffer },
      transferList: [port2],
    });
    // Reported here only when the thread waits; finish() notices a dead worker by its silence.
    this.worker.on('error', (error) => {
      this.failure = error;
    });
    this.worker.unref();
  }

  /** Sends one chart's objects (copied now, so later changes do not reach the worker). */
  public submit(chart: number, objects: readonly unknown[]): void {
    this.port.postMessage({ chart, objects } satisfies ValidationRequest);
  }

  /** Waits for every reply: the problems of each chart that has any. Throws when the worker failed or went silent. */
  public finish(): Map<number, readonly ValidationProblem[]> {
    this.port.postMessage({ end: true } satisfies ValidationRequest);
    const problems = new Map<number, readonly ValidationProblem[]>();
    let heard = Date.now();
    for (;;) {
      const seen = Atomics.load(this.progress, 0);
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const reply = received.message as ValidationReply;
        if ('failed' in reply) throw new Error(`schema validation failed in its worker thread: ${reply.failed}`);
        if ('done' in reply) return problems;
        if ('chart' in reply && reply.problems.length > 0) problems.set(reply.chart, reply.problems);
        heard = Date.now();
        continue;
      }
      if (Date.now() - heard > STALL_MS) {
        throw new Error(`the schema validation worker answered nothing for ${STALL_MS / 1000} s${this.failure ? `: ${String(this.failure)}` : ''}`);
      }
      Atomics.wait(this.progress, 0, seen, 100);
    }
  }

  /** Stops the worker. */
  public close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
