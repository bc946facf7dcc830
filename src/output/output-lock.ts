import * as fs from 'fs';
import { OutputFolderError } from './output-folder-error';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file `lockFile` for this process, so two runs never write the same folder at
 * once. A lock left by a process that no longer runs (a killed run) is taken over.
 * Returns the function that releases it.
 */
export function acquireLock(outdir: string, lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: cannot create its lock file ${lockFile}: ${(error as Error).message}`, true, error);
      }
    }
    const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: another run (process ${owner}) is writing it; `
        + `wait for it to finish, or delete ${lockFile} if no such process is an aks-labs-cdk8s run`);
    }
    fs.rmSync(lockFile, { force: true });
  }
  throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: another run took its lock ${lockFile} at the same moment; try again`);
}
