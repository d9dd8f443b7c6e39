import { key, type TKey } from '@/i18n/i18n';

/** The icons a button can show: names for the settings form, SVG paths (24×24) to draw. */
export const buttonIcons = [
  'none',
  'power',
  'refresh',
  'play',
  'stop',
  'lock',
  'unlock',
  'bell',
  'light',
] as const;
export type ButtonIcon = (typeof buttonIcons)[number];

/** Material Design icons (Apache 2.0), filled. */
export const buttonIconPaths: Readonly<Record<Exclude<ButtonIcon, 'none'>, string>> = {
  power:
    'M13 3h-2v10h2V3zm4.83 2.17-1.42 1.42A6.92 6.92 0 0 1 19 12c0 3.87-3.13 7-7 7A6.995 6.995 0 0 1 7.58 6.58L6.17 5.17A8.932 8.932 0 0 0 3 12a9 9 0 0 0 18 0c0-2.74-1.23-5.18-3.17-6.83z',
  refresh:
    'M17.65 6.35A7.958 7.958 0 0 0 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8c3.73 0 6.84-2.55 7.73-6h-2.08A5.99 5.99 0 0 1 12 18c-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z',
  play: 'M8 5v14l11-7z',
  stop: 'M6 6h12v12H6z',
  lock: 'M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z',
  unlock:
    'M12 17c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm6-9h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6h1.9c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm0 12H6V10h12v10z',
  bell: 'M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z',
  light:
    'M9 21c0 .55.45 1 1 1h4c.55 0 1-.45 1-1v-1H9v1zm3-19C8.14 2 5 5.14 5 9c0 2.38 1.19 4.47 3 5.74V17c0 .55.45 1 1 1h6c.55 0 1-.45 1-1v-2.26c1.81-1.27 3-3.36 3-5.74 0-3.86-3.14-7-7-7z',
};

/** Labels for the settings form's select. */
export const buttonIconOptions: ReadonlyArray<{ value: ButtonIcon; label: TKey }> = [
  { value: 'none', label: key('widgets:button.icons.none') },
  { value: 'power', label: key('widgets:button.icons.power') },
  { value: 'refresh', label: key('widgets:button.icons.refresh') },
  { value: 'play', label: key('widgets:button.icons.play') },
  { value: 'stop', label: key('widgets:button.icons.stop') },
  { value: 'lock', label: key('widgets:button.icons.lock') },
  { value: 'unlock', label: key('widgets:button.icons.unlock') },
  { value: 'bell', label: key('widgets:button.icons.bell') },
  { value: 'light', label: key('widgets:button.icons.light') },
];

/**
 * Our icon for a Node-RED button's icon name (Font Awesome `fa-power-off`, Material
 * `power_settings_new` or `mi-…`), or 'none' when none of ours is like it.
 */
export function iconFromNodeRed(name: unknown): ButtonIcon {
  const n = typeof name === 'string' ? name.toLowerCase() : '';
  if (n === '') return 'none';
  // Order matters: "unlock" and "lock_open" before "lock", "power" covers "power-off".
  if (/unlock|lock_open|lock-open/.test(n)) return 'unlock';
  if (/lock/.test(n)) return 'lock';
  if (/power/.test(n)) return 'power';
  if (/refresh|sync|replay|redo|rotate|autorenew|cached/.test(n)) return 'refresh';
  if (/play/.test(n)) return 'play';
  if (/stop/.test(n)) return 'stop';
  if (/bell|notification|alarm/.test(n)) return 'bell';
  if (/light|lamp|bulb/.test(n)) return 'light';
  return 'none';
}
