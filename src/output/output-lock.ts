import * as crypto from 'crypto';
import * as fs from 'fs';
import { describeFileSystemError, OutputFolderError } from './output-folder-error';
import { describeEntry } from './output-marker';

/** How often a run looks again while another run takes over a stale lock, and for how long. */
const RETRY_MS = 20;
const GIVE_UP_MS = 3000;

/** Who holds a lock: the process, when it started (so a reused process id is not mistaken for it), and a nonce. */
interface LockOwner {
  readonly pid: number;
  readonly started?: string;
}

/** When process `pid` started, in clock ticks since boot (`/proc/<pid>/stat` field 22); undefined where there is no `/proc`. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isRunning(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.started === undefined) return true;
  const started = processStart(owner.pid);
  return started === undefined || started === owner.started;
}

function renderLock(): string {
  const started = processStart(process.pid);
  return `aks-labs-cdk8s output lock\npid ${process.pid}\n${started === undefined ? '' : `started ${started}\n`}nonce ${crypto.randomBytes(8).toString('hex')}\n`;
}

/** The owner a lock's text names: this format, or an older one holding only the process id. */
function parseLock(text: string): LockOwner | undefined {
  const pid = /^pid (\d+)$/m.exec(text)?.[1] ?? /^(\d+)\s*$/.exec(text)?.[1];
  if (pid === undefined) return undefined;
  return { pid: Number(pid), started: /^started (\d+)$/m.exec(text)?.[1] };
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock so that exactly one run may do it: the run that creates the claim name
 * (a hard link to the lock, named after the stale lock's content) is the only one that unlinks
 * the lock, and only when the claim shows the very lock it judged stale. Any other run finds
 * the claim taken and tries again.
 */
function takeOverStale(outdir: string, lockFile: string, stale: string, since: number): void {
  const claim = `${lockFile}.stale-${crypto.createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  try {
    fs.linkSync(lockFile, claim);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    if (code(error) !== 'EEXIST') throw lockFailure(outdir, `cannot take over its stale lock ${lockFile}`, error);
    if (Date.now() - since > GIVE_UP_MS) {
      throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: its lock ${lockFile} was left by a run that no longer runs, `
        + `and ${claim} by a run killed while taking it over; make sure no aks-labs-cdk8s run is writing ${outdir}, then delete both files`);
    }
    sleep(RETRY_MS);
    return;
  }
  try {
    if (fs.readFileSync(claim, 'utf8') === stale) fs.unlinkSync(lockFile);
  } finally {
    fs.rmSync(claim, { force: true });
  }
}

function lockFailure(outdir: string, what: string, error: unknown): OutputFolderError {
  return new OutputFolderError(outdir, `cannot write the output folder ${outdir}: ${what}: ${describeFileSystemError(error)}`, true, error);
}

/**
 * Takes the lock file `lockFile` for this process, so two runs never write the same folder at
 * once. The lock is created whole and at once (a hard link to a file already written), names
 * its process and when that process started, and is taken over only from a process that no
 * longer runs, by one run at a time. Returns the function that releases it, which removes the
 * lock only while it is still this run's.
 */
export function acquireLock(outdir: string, lockFile: string): () => void {
  const mine = renderLock();
  const temporary = `${lockFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(temporary, mine, { flag: 'wx' });
  } catch (error) {
    throw lockFailure(outdir, `cannot create its lock file ${lockFile}`, error);
  }
  const since = Date.now();
  try {
    for (;;) {
      try {
        fs.linkSync(temporary, lockFile);
        return () => {
          if (fs.readFileSync(lockFile, 'utf8') === mine) fs.unlinkSync(lockFile);
        };
      } catch (error) {
        if (code(error) !== 'EEXIST') throw lockFailure(outdir, `cannot create its lock file ${lockFile}`, error);
      }
      const stat = fs.lstatSync(lockFile, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      if (!stat.isFile()) {
        throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: its lock ${lockFile} is ${describeEntry(stat)}, not a lock file `
          + 'aks-labs-cdk8s writes; move it away');
      }
      let text: string;
      try {
        text = fs.readFileSync(lockFile, 'utf8');
      } catch (error) {
        if (code(error) === 'ENOENT') continue;
        throw lockFailure(outdir, `cannot read its lock ${lockFile}`, error);
      }
      const owner = parseLock(text);
      if (owner !== undefined && owner.pid !== process.pid && isRunning(owner)) {
        throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: another run (process ${owner.pid}) is writing it; `
          + `wait for it to finish, or delete ${lockFile} if no such process is an aks-labs-cdk8s run`);
      }
      takeOverStale(outdir, lockFile, text, since);
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
