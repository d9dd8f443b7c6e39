// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

let renders = 0;
function Age({ interval }: { interval: number | null }) {
  renders++;
  const now = useNow(interval);
  return <span>{now}</span>;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  renders = 0;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useNow: one clock for the page', () => {
  it('ticks every component from one timer, all in one commit', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const { container } = render(
      <>
        {Array.from({ length: 100 }, (_, i) => (
          <Age key={i} interval={1000} />
        ))}
      </>,
    );
    expect(setInterval).toHaveBeenCalledTimes(1);
    renders = 0;
    act(() => vi.advanceTimersByTime(1000));
    // Each component rendered once for the tick, and they all show the same second.
    expect(renders).toBe(100);
    const shown = new Set([...container.querySelectorAll('span')].map((s) => s.textContent));
    expect(shown).toEqual(new Set(['1001000']));
  });

  it('stops its timer when the last component goes, and reads fresh when it starts again', () => {
    const clearInterval = vi.spyOn(globalThis, 'clearInterval');
    const first = render(<Age interval={1000} />);
    first.unmount();
    expect(clearInterval).toHaveBeenCalledTimes(1);
    vi.setSystemTime(5_000_000);
    const again = render(<Age interval={1000} />);
    expect(again.container.textContent).toBe('5000000');
  });

  it('with no interval, keeps the time it was mounted at', () => {
    const { container } = render(<Age interval={null} />);
    act(() => vi.advanceTimersByTime(5000));
    expect(container.textContent).toBe('1000000');
  });
});
