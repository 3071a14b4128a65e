/**
 * The platform's own packages, loaded when a platform or database is started rather than when this
 * package is imported: every integration test file imports it, and those on their worker's shared
 * platform start neither, so loading the gateway and its subgraphs into each file's module registry
 * (about a second a file) would be most of their cost.
 */
export async function platformPackages() {
  const [gateway, platform, schema] = await Promise.all([
    import('@vexil/gateway'),
    import('@vexil/platform'),
    import('@vexil/schema'),
  ]);
  return { gateway, platform, schema };
}
