/**
 * A value made on first use, once. The chat Lambda answers a plain question without any AWS SDK client: the
 * DynamoDB client (for the unanswered-question record) and the Lambda client (for the SAR hand-off) are imported
 * and built the first time they are needed — an `import()` of an external package is not hoisted by esbuild.
 */
export type Lazy<T> = () => Promise<T>;

export function once<T>(make: () => Promise<T>): Lazy<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** Accepts a ready value or a lazy one, so tests and the local server pass clients as before. */
export const lazily = <T>(value: T | Lazy<T>): Lazy<T> =>
  typeof value === 'function' ? once(value as Lazy<T>) : () => Promise.resolve(value);
