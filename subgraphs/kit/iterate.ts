/** Lazily maps an iterable (seeders stream millions of rows through these). */
export function* map<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}

/** Lazily maps each item to several and flattens. */
export function* flatMap<T, U>(items: Iterable<T>, fn: (item: T) => Iterable<U>): Generator<U> {
  for (const item of items) yield* fn(item);
}
