// Work that several threads share: one counter in shared memory, the next place to take. Each
// thread takes the next place when it is done with one (`Atomics.add`), so no place is taken twice
// or left out, and the threads finish together however their speeds differ.

/** A new queue: the counter, at 0. Posted to workers as it is (the memory is shared, not copied). */
export function newQueue(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** Calls `take(k)` for every place k in [0, length) that this thread takes, until none is left. */
export function takeEach(queue: SharedArrayBuffer, length: number, take: (k: number) => void): void {
  const next = new Int32Array(queue);
  for (let k = Atomics.add(next, 0, 1); k < length; k = Atomics.add(next, 0, 1)) take(k);
}
