// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import type { LiveEntry } from '@/stores/live-store';
import { entry, spoken } from '../kit/test-utils';
import { DropdownView } from './dropdown-view';
import { convertNodeRedDropdown, dropdownWidget } from './index';
import { optionPayload, readDropdownState, templateValue } from './match';
import { dropdownSchema, type DropdownConfig } from './schema';

afterEach(cleanup);

const modes = [
  { label: 'Eco', value: 'eco' },
  { label: 'Comfort', value: 'comfort' },
  { label: 'Level 2', value: '2' },
  { label: '', value: 'away' },
];

const config = (over: Partial<DropdownConfig> = {}) =>
  dropdownSchema.parse({
    label: 'Heating mode',
    topic: 'home/heating/mode',
    options: modes,
    ...over,
  });

function renderDropdown(
  c: DropdownConfig,
  value?: LiveEntry,
  publish = vi.fn<Publish>(() => Promise.resolve()),
) {
  const view = (v: LiveEntry | undefined) => (
    <>
      <span id="label">{c.label}</span>
      <DropdownView config={c} value={v} publish={publish} labelId="label" />
    </>
  );
  const utils = render(view(value));
  const select = screen.getByRole('combobox', { name: c.label }) as HTMLSelectElement;
  return { ...utils, publish, select, show: (v: LiveEntry | undefined) => utils.rerender(view(v)) };
}

// happy-dom's `selectedOptions` goes stale after a re-render; `selectedIndex` does not.
const shownOption = (select: HTMLSelectElement) => select.options[select.selectedIndex];
const shownText = (select: HTMLSelectElement) => shownOption(select)?.textContent;

const stateOf = (payload: string, c: DropdownConfig = config()) =>
  spoken(readDropdownState(entry(payload).payload, c.options, c.valuePath, c.payloadTemplate));

describe('dropdown schema', () => {
  it('defaults: no options, QoS 0, not retained, no template', () => {
    expect(dropdownSchema.parse({})).toEqual({
      label: 'Dropdown',
      options: [],
      placeholder: 'Choose…',
      topic: '',
      stateTopic: '',
      valuePath: '',
      payloadTemplate: '',
      qos: 0,
      retain: false,
      staleAfter: null,
    });
    expect(dropdownSchema.parse({ options: [{}] }).options).toEqual([{ label: '', value: '' }]);
  });

  it('refuses two options with the same value, and a wildcard command topic', () => {
    const r = dropdownSchema.safeParse({
      options: [{ value: 'a' }, { value: 'b' }, { value: ' a ' }],
    });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['options', 2, 'value']]);
    expect(dropdownSchema.safeParse({ topic: 'a/+' }).success).toBe(false);
    expect(dropdownSchema.safeParse({ stateTopic: 'a/+' }).success).toBe(true);
  });
});

describe('dropdown payloads and matching', () => {
  it('puts numbers and booleans into JSON templates unquoted, other values as text', () => {
    expect(templateValue('2')).toBe(2);
    expect(templateValue('true')).toBe(true);
    expect(templateValue('007')).toBe('007');
    expect(templateValue('eco')).toBe('eco');
    expect(optionPayload({ label: '', value: '2' }, '')).toBe('2');
    expect(optionPayload({ label: '', value: '007' }, '')).toBe('007');
    expect(optionPayload({ label: '', value: '2' }, '{"level": {value}}')).toBe('{"level": 2}');
    expect(optionPayload({ label: '', value: 'eco' }, '{"mode": {value}}')).toBe('{"mode": "eco"}');
    expect(optionPayload({ label: '', value: '2' }, '{"level": "{value}"}')).toBe('{"level": "2"}');
  });

  it('matches the state value to an option by value', () => {
    expect(stateOf('comfort')).toEqual({ kind: 'option', index: 1 });
    expect(stateOf('"eco"')).toEqual({ kind: 'option', index: 0 });
    expect(stateOf('2')).toEqual({ kind: 'option', index: 2 });
    expect(stateOf(' away\n')).toEqual({ kind: 'option', index: 3 });
    expect(stateOf('{"mode":"eco","temp":21}', config({ valuePath: 'mode' }))).toEqual({
      kind: 'option',
      index: 0,
    });
    expect(stateOf('{"level":2}', config({ valuePath: 'level' }))).toEqual({
      kind: 'option',
      index: 2,
    });
  });

  it('recognises its own templated payload coming back, without a value path', () => {
    expect(
      stateOf('{"mode": "comfort"}', config({ payloadTemplate: '{"mode": {value}}' })),
    ).toEqual({ kind: 'option', index: 1 });
  });

  it('says why a state matches no option, keeping the raw text', () => {
    expect(stateOf('turbo')).toEqual({
      kind: 'unknown',
      reason: 'matches no option',
      raw: 'turbo',
    });
    expect(stateOf('Eco')).toMatchObject({ kind: 'unknown' }); // labels are not values
    expect(stateOf('')).toMatchObject({ kind: 'unknown', reason: 'empty payload' });
    expect(stateOf('eco', config({ valuePath: 'mode' }))).toMatchObject({ reason: 'not JSON' });
    expect(stateOf('{"x":1}', config({ valuePath: 'mode' }))).toMatchObject({
      reason: 'no value at “mode”',
    });
  });
});

describe('dropdown view', () => {
  it('is a select named by its title, showing the reported option', () => {
    const { select, show } = renderDropdown(config(), entry('comfort'));
    expect(select.tagName).toBe('SELECT');
    expect(shownText(select)).toBe('Comfort');
    show(entry('away'));
    expect(shownText(select)).toBe('away'); // no label: the value
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'Eco',
      'Comfort',
      'Level 2',
      'away',
    ]);
  });

  it('shows the placeholder until a value arrives', () => {
    const { select } = renderDropdown(config({ placeholder: 'Pick a mode' }));
    expect(shownText(select)).toBe('Pick a mode');
    expect(shownOption(select)?.disabled).toBe(true);
  });

  it('publishes the chosen value through the template, with QoS and retain', () => {
    const c = config({ payloadTemplate: '{"level": {value}}', qos: 1, retain: true });
    const { select, publish } = renderDropdown(c, entry('{"level": "eco"}'));
    fireEvent.change(select, { target: { value: '2' } });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith('home/heating/mode', '{"level": 2}', {
      qos: 1,
      retain: true,
    });
    expect(shownText(select)).toBe('Level 2');
  });

  it('publishes the plain value without a template', () => {
    const { select, publish } = renderDropdown(config(), entry('eco'));
    fireEvent.change(select, { target: { value: '1' } });
    expect(publish).toHaveBeenCalledWith('home/heating/mode', 'comfort', {
      qos: 0,
      retain: false,
    });
  });

  it('keeps the choice until the next state message, which wins', () => {
    const { select, show } = renderDropdown(config(), entry('eco'));
    fireEvent.change(select, { target: { value: '1' } });
    expect(shownText(select)).toBe('Comfort');
    show(entry('eco')); // the device refused
    expect(shownText(select)).toBe('Eco');
  });

  it('shows a value matching no option as "Unknown value", selecting no wrong option', () => {
    const { select, show } = renderDropdown(config(), entry('eco'));
    show(entry('turbo'));
    expect(shownText(select)).toBe('Unknown value: turbo');
    expect(shownOption(select)?.disabled).toBe(true);
    expect(select.value).not.toMatch(/^\d+$/);
    const hint = document.getElementById(select.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toBe('Matches no option');
    show(entry('comfort'));
    expect(shownText(select)).toBe('Comfort');
    expect(select.hasAttribute('aria-describedby')).toBe(false);
  });

  it('goes back to the reported option when the message could not be sent', async () => {
    const publish = vi.fn<Publish>(() => Promise.reject(new Error('offline')));
    const { select } = renderDropdown(config(), entry('eco'), publish);
    await act(async () => {
      fireEvent.change(select, { target: { value: '1' } });
    });
    expect(shownText(select)).toBe('Eco');
    expect(screen.getByRole('alert').textContent).toBe('Not sent: offline');
  });

  it('is disabled without a topic or without options, and says so', () => {
    const { select } = renderDropdown(config({ topic: '' }));
    expect(select.disabled).toBe(true);
    expect(screen.getByText('No topic set.')).toBeTruthy();
    cleanup();
    const empty = renderDropdown(config({ options: [] }));
    expect(empty.select.disabled).toBe(true);
    expect(screen.getByText('No options set.')).toBeTruthy();
  });

  it('renders option labels as text', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const { select, container } = renderDropdown(
      config({ options: [{ label: evil, value: 'x' }] }),
      entry('x'),
    );
    expect(shownText(select)).toBe(evil);
    expect(container.querySelector('img')).toBeNull();
  });

  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Array<[string, string | Uint8Array, string, string]> = [
    ['non-numeric text', 'abc', 'Unknown value: abc', 'Matches no option'],
    ['invalid JSON', '{"mode": ', 'Unknown value: {"mode":', 'Matches no option'],
    [
      'binary',
      new Uint8Array([0xff, 0xfe, 0x00, 0x80]),
      'Unknown value: binary, 4 bytes: ff fe 00 80',
      'Binary payload',
    ],
    ['empty', '', 'Unknown value', 'Empty payload'],
    ['1 MB', 'x'.repeat(1024 * 1024), `Unknown value: ${'x'.repeat(40)}…`, 'Matches no option'],
    [
      'unicode',
      'Grüße 🌡️\n温度 \u202e',
      'Unknown value: Grüße 🌡️ 温度 \u202e',
      'Matches no option',
    ],
    ['HTML and script', evil, `Unknown value: ${evil.slice(0, 40)}…`, 'Matches no option'],
    [
      'JSON with HTML',
      JSON.stringify({ mode: evil }),
      `Unknown value: ${JSON.stringify({ mode: evil }).slice(0, 40)}…`,
      'Matches no option',
    ],
  ];
  it.each(bad)('survives %s: "Unknown value", text as text', (_name, payload, option, reason) => {
    const { select, container } = renderDropdown(config(), entry(payload));
    expect(shownText(select)).toBe(option);
    const hint = document.getElementById(select.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toBe(reason);
    expect(hint?.getAttribute('title')?.length).toBeLessThanOrEqual(501);
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows an unreadable state with its reason', () => {
    const { select } = renderDropdown(config({ valuePath: 'mode' }), entry('{"x":1}'));
    expect(shownText(select)).toBe('Unknown value: {"x":1}');
    const hint = document.getElementById(select.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toBe('No value at “mode”');
  });
});

describe('dropdown definition', () => {
  it('subscribes to the state topic, or the command topic when empty', () => {
    const c = config({ qos: 1 });
    expect(dropdownWidget.subscriptions(c)).toEqual([{ topic: 'home/heating/mode', qos: 1 }]);
    expect(dropdownWidget.stateTopic?.(config({ stateTopic: 'home/heating/+/mode' }))).toBe(
      'home/heating/+/mode',
    );
    expect(dropdownWidget.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(dropdownWidget.staleAfter?.(config({ staleAfter: 30 }))).toBe(30);
  });

  it('converts a Node-RED ui_dropdown', () => {
    const c = dropdownSchema.parse(
      convertNodeRedDropdown({
        node: {
          type: 'ui_dropdown',
          label: 'Modus',
          place: 'Bitte wählen',
          options: [
            { label: 'Aus', value: 'off', type: 'str' },
            { label: 'Stufe 1', value: 1, type: 'num' },
            { label: 'Doppelt', value: 'off', type: 'str' },
            { label: '', value: '', type: 'str' },
          ],
        },
        publishTo: { topic: 'fan/set', qos: 1, retain: true },
        subscribeTo: { topic: 'fan/state', qos: 0, valuePath: '', decimals: null, label: '' },
      }),
    );
    expect(c).toMatchObject({
      label: 'Modus',
      placeholder: 'Bitte wählen',
      options: [
        { label: 'Aus', value: 'off' },
        { label: 'Stufe 1', value: '1' },
      ],
      topic: 'fan/set',
      stateTopic: 'fan/state',
      qos: 1,
      retain: true,
    });
  });
});
