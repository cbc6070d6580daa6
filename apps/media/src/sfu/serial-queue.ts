/**
 * Runs tasks one after another. Each participant has one, so an answer is applied before the
 * candidates that follow it and two renegotiations never interleave on one peer connection.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not block the ones behind it; its caller sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
