// Worker entry: the intake server's signature checks off its main thread (see workerVerifier.ts).
import { serveTasks } from '../../electron/services/workers/workerTasks.ts';
import { createInProcessVerifier } from './inProcessVerifier.ts';
import type { PackageVerifyInput } from './packageVerifier.ts';

const verifier = createInProcessVerifier();

serveTasks({
  verifyPackage: (input: PackageVerifyInput) => verifier.verifyPackage(input),
});
