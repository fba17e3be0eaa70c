/**
 * Connection demand of this process's database handle: statements and transactions that hold a
 * connection or wait for one. Neither driver exposes its pool's state, so the handle counts what it asks
 * of the pool: each statement outside a transaction, and each transaction for its whole length.
 */
export interface PoolUsage {
  /** Connections busy with a statement or a transaction (at most the pool's size). */
  inUse: number;
  /** Statements and transactions queued for a connection beyond the pool's size. */
  waiting: number;
}

export class PoolDemand {
  private current = 0;
  constructor(readonly size: number) {}

  usage(): PoolUsage {
    return { inUse: Math.min(this.current, this.size), waiting: Math.max(0, this.current - this.size) };
  }

  /** Counts a promise-returning call for as long as it runs. */
  async around<T>(run: () => Promise<T>): Promise<T> {
    this.current++;
    try {
      return await run();
    } finally {
      this.current--;
    }
  }

  /**
   * postgres.js statements are lazy thenables that start when first awaited; count from then until they
   * settle, leaving the statement object itself (and its `.values()` and friends) as it is.
   */
  lazy<Q extends PromiseLike<unknown>>(query: Q): Q {
    const then = query.then;
    let counted = false;
    // An own `then` on the statement object: postgres.js's methods return the object itself, so chaining keeps it.
    const counting = (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => {
      if (!counted) {
        counted = true;
        this.current++;
        const done = () => {
          this.current--;
        };
        then.call(query, done, done);
      }
      return then.call(query, onFulfilled, onRejected);
    };
    // biome-ignore lint/suspicious/noThenProperty: the statement is a thenable already; this wraps its own `then`.
    Object.defineProperty(query, "then", { value: counting, writable: true, configurable: true });
    return query;
  }
}
