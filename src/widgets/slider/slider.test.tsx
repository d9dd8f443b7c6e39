// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import type { LiveEntry } from '@/mqtt/ingest';
import { entry } from '../kit/test-utils';
import { sliderSchema, type SliderConfig } from './schema';
import { SliderView } from './slider-view';

afterEach(cleanup);

const config = (over: Partial<SliderConfig> = {}) =>
  sliderSchema.parse({
    label: 'Temperatur einstellen',
    topic: 'Erdgeschoss/Wohnzimmer/temp',
    ...over,
  });

/** With a value of 20 unless one (or `undefined`: nothing arrived yet) is given. */
function renderSlider(c: SliderConfig, ...given: [LiveEntry | undefined] | []) {
  const value = given.length > 0 ? given[0] : entry('20', c.topic, 0);
  const publish = vi.fn<Publish>(() => Promise.resolve());
  const utils = render(
    <>
      <span id="label">{c.label}</span>
      <SliderView config={c} value={value} publish={publish} labelId="label" />
    </>,
  );
  const slider = screen.getByRole('slider', { name: c.label }) as HTMLInputElement;
  return { ...utils, publish, slider };
}

describe('slider schema', () => {
  it('defaults to sending while dragging, QoS 0, not retained', () => {
    expect(sliderSchema.parse({})).toMatchObject({
      min: 0,
      max: 100,
      step: 1,
      sendMode: 'drag',
      qos: 0,
      retain: false,
    });
  });

  it('defaults to horizontal, showing the value, sending the number alone', () => {
    expect(sliderSchema.parse({})).toMatchObject({
      orientation: 'horizontal',
      showValue: true,
      payloadTemplate: '',
    });
    expect(sliderSchema.safeParse({ orientation: 'diagonal' }).success).toBe(false);
  });

  it('refuses a wildcard publish topic and max ≤ min', () => {
    expect(sliderSchema.safeParse({ topic: 'a/+' }).success).toBe(false);
    expect(sliderSchema.safeParse({ min: 10, max: 10 }).success).toBe(false);
  });
});

describe('slider view: the value it shows is the value it holds', () => {
  const shown = (container: HTMLElement) => container.querySelector('output')!.textContent;

  it('before any message shows no value, not a 0, and no thumb position', () => {
    const { slider, container } = renderSlider(config(), undefined);
    expect(shown(container)).toBe('—No value yet');
    expect(slider.getAttribute('aria-valuetext')).toBe('No value yet');
    expect(container.querySelector('.slider--empty')).not.toBeNull();
  });

  it('shows no value for an empty payload and for JSON null', () => {
    for (const payload of ['', 'null']) {
      const { container, unmount } = renderSlider(config(), entry(payload, 't', 0));
      expect(container.querySelector('.slider--empty')).not.toBeNull();
      expect(screen.queryByRole('button', { name: /invalid value/i })).toBeNull();
      unmount();
    }
  });

  it('shows text it cannot read as invalid, with the thumb neutral — not a silent 0', () => {
    const { slider, container } = renderSlider(config(), entry('warm', 't', 0));
    expect(screen.getByRole('button', { name: /invalid value/i }).title).toMatch(/not a number/);
    expect(slider.getAttribute('aria-valuetext')).toBe('Invalid value');
    expect(container.querySelector('.slider--empty')).not.toBeNull();
  });

  it('pins a value above the range at max and says what was reported', () => {
    const { slider, container } = renderSlider(config(), entry('150', 't', 0));
    expect(slider.value).toBe('100');
    expect(shown(container)).toBe('100');
    expect(screen.getByText('Reported 150 (above maximum)')).toBeTruthy();
    expect(slider.getAttribute('aria-valuetext')).toBe('100, Reported 150 (above maximum)');
  });

  it('puts a value between steps on the step the thumb can hold, and says what was reported', () => {
    const { slider, container } = renderSlider(config(), entry('23.5', 't', 0));
    expect(slider.value).toBe('24');
    expect(shown(container)).toBe('24');
    expect(screen.getByText('Reported 23.5')).toBeTruthy();
  });

  it('shows a value on a step as it is, without a mark', () => {
    const { slider, container } = renderSlider(config({ step: 0.5 }), entry('23.5', 't', 0));
    expect(slider.value).toBe('23.5');
    expect(shown(container)).toBe('23.5');
    expect(screen.queryByText(/Reported/)).toBeNull();
  });
});

describe('slider view', () => {
  it('is a range input labelled by its label, showing the state value', () => {
    const { slider } = renderSlider(config());
    expect(slider.type).toBe('range');
    expect(slider.value).toBe('20');
  });

  it('publishes while dragging and always the final value on release', () => {
    const { slider, publish } = renderSlider(config({ qos: 1, retain: true }));
    fireEvent.pointerDown(slider);
    fireEvent.input(slider, { target: { value: '30' } });
    fireEvent.input(slider, { target: { value: '31' } });
    fireEvent.input(slider, { target: { value: '32' } });
    slider.dispatchEvent(new Event('change', { bubbles: true })); // native commit on release
    const sent = publish.mock.calls.map((c) => c[1]);
    expect(sent[0]).toBe('30');
    expect(sent.at(-1)).toBe('32');
    expect(publish).toHaveBeenCalledWith('Erdgeschoss/Wohnzimmer/temp', '32', {
      qos: 1,
      retain: true,
    });
  });

  it('in on-release mode publishes only on release', () => {
    const { slider, publish } = renderSlider(config({ sendMode: 'release' }));
    fireEvent.input(slider, { target: { value: '40' } });
    fireEvent.input(slider, { target: { value: '41' } });
    expect(publish).not.toHaveBeenCalled();
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    expect(publish.mock.calls.map((c) => c[1])).toEqual(['41']);
  });

  it('follows new state values, except while being dragged', () => {
    const c = config();
    const { slider, rerender, publish } = renderSlider(c);
    const view = (value: ReturnType<typeof entry>) => (
      <>
        <span id="label">{c.label}</span>
        <SliderView config={c} value={value} publish={publish} labelId="label" />
      </>
    );
    rerender(view(entry('55', c.topic, 1)));
    expect(slider.value).toBe('55');
    fireEvent.pointerDown(slider);
    fireEvent.input(slider, { target: { value: '70' } });
    rerender(view(entry('10', c.topic, Date.now() + 10_000)));
    expect(slider.value).toBe('70'); // the user's finger wins
    act(() => {
      window.dispatchEvent(new Event('pointerup'));
    });
    rerender(view(entry('12', c.topic, Date.now() + 20_000)));
    expect(slider.value).toBe('12');
  });

  it('says when it has no topic, and is disabled', () => {
    const { slider } = renderSlider(config({ topic: '' }), undefined);
    expect(slider.disabled).toBe(true);
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });
});

describe('slider orientation, value label and template', () => {
  it('is horizontal by default, the value beside it', () => {
    const { slider, container } = renderSlider(config());
    expect(slider.hasAttribute('aria-orientation')).toBe(false);
    expect(container.querySelector('.slider--horizontal')).not.toBeNull();
    expect(container.querySelector('output')?.textContent).toBe('20');
  });

  it('can be vertical: still a range input labelled by its label, the value above it', () => {
    const { slider, container, publish } = renderSlider(config({ orientation: 'vertical' }));
    expect(slider.type).toBe('range');
    expect(slider.getAttribute('aria-orientation')).toBe('vertical');
    expect(container.querySelector('.slider--vertical')).not.toBeNull();
    const output = container.querySelector('output')!;
    expect(output.textContent).toBe('20');
    // Above: the label comes first in reading order, and the stylesheet keeps it on top.
    expect(output.compareDocumentPosition(slider) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.input(slider, { target: { value: '64' } });
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    expect(publish).toHaveBeenLastCalledWith('Erdgeschoss/Wohnzimmer/temp', '64', {
      qos: 0,
      retain: false,
    });
  });

  it('hides the value when told to', () => {
    const { container, slider } = renderSlider(config({ showValue: false }));
    expect(container.querySelector('output')).toBeNull();
    expect(slider.value).toBe('20');
  });

  it('sends the number through the payload template', () => {
    const { slider, publish } = renderSlider(
      config({ payloadTemplate: '{"temp": {value}}', qos: 1, step: 0.5 }),
    );
    fireEvent.input(slider, { target: { value: '21.5' } });
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    expect(publish.mock.calls).toEqual([
      ['Erdgeschoss/Wohnzimmer/temp', '{"temp": 21.5}', { qos: 1, retain: false }],
    ]);
  });

  it('keeps the throttle with a template: at most one message per 100 ms, the final value always', () => {
    vi.useFakeTimers();
    try {
      const { slider, publish } = renderSlider(config({ payloadTemplate: 'set {value}' }));
      const sentAt: number[] = [];
      publish.mockImplementation(() => {
        sentAt.push(performance.now());
        return Promise.resolve();
      });
      fireEvent.pointerDown(slider);
      for (let v = 21; v <= 50; v++) {
        fireEvent.input(slider, { target: { value: String(v) } });
        act(() => vi.advanceTimersByTime(10));
      }
      slider.dispatchEvent(new Event('change', { bubbles: true }));
      const sent = publish.mock.calls.map((c) => c[1]);
      expect(sent[0]).toBe('set 21');
      expect(sent.at(-1)).toBe('set 50');
      expect(sent.length).toBeLessThanOrEqual(5);
      for (let i = 1; i < sentAt.length - 1; i++) {
        expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(100);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('slider with bad input', () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  it.each([
    ['non-numeric text', 'abc'],
    ['binary', new Uint8Array([0xff, 0xfe, 0x00])],
    ['empty', ''],
    ['HTML', evil],
  ] as const)('keeps a usable slider at min for %s, in both orientations', (_n, payload) => {
    for (const orientation of ['horizontal', 'vertical'] as const) {
      const c = config({ orientation });
      const { slider, container } = renderSlider(c, entry(payload, c.topic));
      expect(slider.value).toBe('0');
      expect(container.querySelector('img')).toBeNull();
      cleanup();
    }
  });
});
