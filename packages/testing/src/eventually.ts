/**
 * Retries `read` until `done` holds (for at most `timeoutMs`) and returns the last value read: what a
 * test waits for arrives by events (SDK routes answer from rulesets the gateway updates from them,
 * consumers react after the write commits).
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}
