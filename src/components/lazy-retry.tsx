import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * Lazy parts that come back after a failed download.
 *
 * `React.lazy` remembers a rejected import for good: a wall tablet whose server blinked while
 * a widget's code was on its way (a restart, Wi-Fi roaming, the first visit before the service
 * worker has cached anything) kept an empty or broken card until someone reloaded it. Here a
 * failed load is remembered only until the next retry, and {@link LoadBoundary} retries by
 * itself: with backoff, when the browser says it is online again, when the tab is shown, and
 * whenever {@link retryLoads} is called (the app calls it when its connection comes back,
 * which with the embedded broker means the server that serves the code is back).
 */

/** How browsers and Vite word a failed download of a code chunk or its CSS. */
const LOAD_ERROR =
  /dynamically imported module|importing a module script failed|error loading dynamically|unable to preload css|failed to fetch/i;

export function isLoadError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'ChunkLoadError' || LOAD_ERROR.test(error.message))
  );
}

type Listener = () => void;
const listeners = new Set<Listener>();
/** The resets of every loader whose last attempt failed. */
const failed = new Set<() => void>();

/** Forget every failed load and ask every waiting boundary to try again. */
export function retryLoads(): void {
  for (const reset of failed) reset();
  failed.clear();
  for (const listener of [...listeners]) listener();
}

export interface RetryingLazy<P> {
  (props: P): ReactNode;
  /** Start the download now (resolves when the code is there; a failure may be tried again). */
  preload(): Promise<ComponentType<P>>;
}

/**
 * A lazy component whose failed download is tried again on the next {@link retryLoads} (or
 * {@link LoadBoundary} retry). Render it inside a `Suspense` and a `LoadBoundary`.
 */
export function lazyRetry<P extends object>(
  load: () => Promise<ComponentType<P>>,
): RetryingLazy<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      // Not cached: the next preload or retry fetches again.
      loading = null;
      throw error;
    }));
  const fresh = () =>
    lazy(() =>
      preload().then(
        (view) => ({ default: view }),
        (error: unknown) => {
          // This lazy instance now holds the rejection for good; the next retry swaps it.
          failed.add(() => {
            current = fresh();
          });
          throw error;
        },
      ),
    );
  let current = fresh();
  function Retrying(props: P) {
    const View = current as unknown as ComponentType<P>;
    return <View {...props} />;
  }
  Retrying.preload = preload;
  return Retrying as RetryingLazy<P>;
}

interface BoundaryProps {
  /** Shown while a download has failed and is waiting to be tried again. */
  fallback: ReactNode;
  children: ReactNode;
}

/** Backoff between automatic retries: 1 s, 2 s, 4 s … at most 30 s. */
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

/**
 * Catches a failed download below it, shows `fallback` and tries again by itself. Any other
 * error is not its business: it goes on to the next boundary up (a widget's error card).
 */
export class LoadBoundary extends Component<BoundaryProps, { error: unknown; attempt: number }> {
  state = { error: null as unknown, attempt: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown) {
    if (!isLoadError(error)) return;
    listeners.add(this.retry);
    window.addEventListener('online', this.retry);
    document.addEventListener('visibilitychange', this.retryIfShown);
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.state.attempt);
    this.timer = setTimeout(retryLoads, delay);
  }

  componentWillUnmount() {
    this.stopWaiting();
  }

  private stopWaiting() {
    clearTimeout(this.timer);
    listeners.delete(this.retry);
    window.removeEventListener('online', this.retry);
    document.removeEventListener('visibilitychange', this.retryIfShown);
  }

  private retryIfShown = () => {
    if (document.visibilityState === 'visible') retryLoads();
  };

  private retry = () => {
    this.stopWaiting();
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not a download: let the error card above say what broke.
    if (!isLoadError(error)) throw error;
    return this.props.fallback;
  }
}

/**
 * A lazy part's place: `loading` while its code downloads, `failed` (a {@link LoadFailed}, or
 * what stands in for the part)
 * while a failed download waits to be tried again.
 */
export function LoadArea({
  loading = null,
  failed,
  children,
}: {
  loading?: ReactNode;
  failed: ReactNode;
  children: ReactNode;
}) {
  return (
    <LoadBoundary fallback={failed}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadBoundary>
  );
}

/**
 * Says that a part of Tafel could not be downloaded and will come by itself; `text` is the
 * caller's `t('common:loadFailed')` (this module is in the first bundle, i18next's hooks not).
 */
export function LoadFailed({
  text,
  className = 'load-failed',
}: {
  text: string;
  className?: string;
}) {
  return (
    <p className={className} role="status">
      {text}
    </p>
  );
}
