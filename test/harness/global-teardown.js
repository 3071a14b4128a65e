// Stops the platforms global-setup.js started, even when tests failed.
export default async function globalTeardown() {
  await globalThis.vexilSharedPlatforms?.stop();
}
