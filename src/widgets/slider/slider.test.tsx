// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import { entry } from '../test-utils';
import { sliderSchema, type SliderConfig } from './schema';
import { SliderView } from './slider-view';

afterEach(cleanup);

const config = (over: Partial<SliderConfig> = {}) =>
  sliderSchema.parse({
    label: 'Temperatur einstellen',
    topic: 'Erdgeschoss/Wohnzimmer/temp',
    ...over,
  });

function renderSlider(c: SliderConfig, value = entry('20', c.topic, 0)) {
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

  it('refuses a wildcard publish topic and max ≤ min', () => {
    expect(sliderSchema.safeParse({ topic: 'a/+' }).success).toBe(false);
    expect(sliderSchema.safeParse({ min: 10, max: 10 }).success).toBe(false);
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
