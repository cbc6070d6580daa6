export type Listener<E> = (event: E) => void | Promise<void>;

/**
 * The in-process event buses' shared core: listeners added and removed by handle, and a
 * dispatch in which a listener that throws or rejects is reported to `onError` and never
 * affects the publisher or the other listeners (the change it announces is already committed).
 */
export class ListenerSet<E> {
  private readonly listeners = new Set<Listener<E>>();

  constructor(private readonly onError: (error: unknown, event: E) => void) {}

  /** Returns the unsubscribe function. */
  add(listener: Listener<E>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.onError(error, event));
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
