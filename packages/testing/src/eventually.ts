/**
 * Retries `read` until `done` holds (for at most two seconds) and returns the last value read: what a
 * test waits for arrives by events (SDK routes answer from rulesets the gateway updates from them).
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}
