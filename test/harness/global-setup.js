// The integration project's shared platforms, one per jest worker (workers are numbered 1..maxWorkers),
// started before any test file and handed to the workers through the environment they inherit. Jest
// runs this only when the run includes integration tests.
import { startSharedPlatforms } from '@vexil/testing';

export default async function globalSetup(globalConfig) {
  const shared = await startSharedPlatforms(globalConfig.maxWorkers);
  Object.assign(process.env, shared.environment);
  // Jest's way of passing state to globalTeardown, which runs in this process.
  globalThis.vexilSharedPlatforms = shared;
}
