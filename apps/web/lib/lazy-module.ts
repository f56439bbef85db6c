/**
 * Code the page fetches apart from its own scripts (`import()`), asked for early so that it is in
 * when needed; once in, it is at hand synchronously (`loaded`), for a click or a render that must
 * not wait for another turn. A failed fetch is forgotten: the next `load()` tries again.
 */
export interface LazyModule<T> {
  readonly loaded: T | null;
  load(): Promise<T>;
  /** Asks for it ahead (the pointer comes to a button that needs it): a failure is left for the next `load()`. */
  readonly prefetch: () => void;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loading: Promise<T> | null = null;
  let loaded: T | null = null;
  const load = () => {
    loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  return {
    get loaded() {
      return loaded;
    },
    load,
    prefetch: () => void load().catch(() => undefined),
  };
}
