/** Appends `items` one by one: spreading a fleet's documents into `push` would overflow the call stack. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
