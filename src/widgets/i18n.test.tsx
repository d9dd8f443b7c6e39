// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage, type TKey } from '@/i18n/i18n';
import { say, type Text } from '@/i18n/message';
import { widgetTypes } from './registry';
import { entry } from './kit/test-utils';
import { sliderWidget } from './slider';
import { SliderView } from './slider/slider-view';
import type { FieldSpec } from './types';

afterEach(() => {
  cleanup();
  setLanguage('en');
});

/** Every Text of a settings form: labels, help, placeholders, options, list labels. */
function texts(fields: readonly FieldSpec[]): Text[] {
  return fields.flatMap((f) => [
    f.label,
    ...(f.help ? [f.help] : []),
    ...('placeholder' in f && f.placeholder ? [f.placeholder] : []),
    ...(f.kind === 'select' ? f.options.map((o) => o.label) : []),
    ...(f.kind === 'colors' ? f.labels : []),
    ...(f.kind === 'list'
      ? [f.addLabel, ...(f.itemLabel ? [f.itemLabel] : []), ...texts(f.fields)]
      : []),
  ]);
}

const label = (k: string) => sliderWidget.fields.find((f) => f.key === k)!.label;

describe('widget settings in the language on screen', () => {
  it('labels the slider’s settings in German when German is on screen', () => {
    setLanguage('de');
    expect(say(sliderWidget.name)).toBe('Schieberegler');
    expect(say(label('label'))).toBe('Beschriftung');
    expect(say(label('topic'))).toBe('Sende-Topic');
    expect(say(label('step'))).toBe('Schrittweite');
    expect(say(label('retain'))).toBe('Als retained senden');
    const orientation = sliderWidget.fields.find((f) => f.key === 'orientation')!;
    expect(orientation.kind === 'select' && orientation.options.map((o) => say(o.label))).toEqual([
      'Waagerecht',
      'Senkrecht (oben ist mehr)',
    ]);
  });

  it('and in English when English is', () => {
    expect(say(label('label'))).toBe('Label');
    expect(say(label('topic'))).toBe('Publish topic');
  });

  it.each(['en', 'de'] as const)('every widget’s words exist in %s', (language) => {
    setLanguage(language);
    const missing = widgetTypes.flatMap((w) =>
      [w.name, w.description, ...texts(w.fields)]
        .filter((text) => typeof text === 'string' || 'key' in text)
        .map((text) => (typeof text === 'string' ? text : (text as { key: TKey }).key))
        .filter((k) => !i18n.exists(k, { lng: language }))
        .map((k) => `${w.type}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives a new widget its default label in the language on screen, and keeps a stored one', () => {
    setLanguage('de');
    expect(sliderWidget.schema.parse({})).toMatchObject({ label: 'Schieberegler' });
    expect(sliderWidget.schema.parse({ label: 'Slider' })).toMatchObject({ label: 'Slider' });
    setLanguage('en');
    expect(sliderWidget.schema.parse({})).toMatchObject({ label: 'Slider' });
  });
});

describe('a widget on screen', () => {
  it('says its words anew when the language changes, and reads "21,5" in German', () => {
    const config = sliderWidget.schema.parse({ label: 'Wohnzimmer', topic: 'a/b' }) as never;
    render(
      <SliderView
        config={config}
        value={entry('21,5')}
        publish={() => Promise.resolve()}
        labelId="l"
      />,
    );
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('aria-valuetext')).toBe('Invalid value');
    expect(screen.getByText('Invalid value')).toBeTruthy();
    act(() => setLanguage('de'));
    // 21,5 is a number now: the thumb on the nearest step, the reported value beside it.
    expect(slider.getAttribute('aria-valuetext')).toBe('22, Gemeldet: 21,5');
    expect(screen.queryByText('Invalid value')).toBeNull();
    expect(screen.getByText('Gemeldet: 21,5')).toBeTruthy();
  });
});
