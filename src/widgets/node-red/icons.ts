/**
 * Page icons from Node-RED's icon names — Font Awesome 4 (`fa-home`), Material (`mi-home`,
 * `home`, `mdi-home` in Dashboard 2) — to the emoji Tafel's page tabs show. An icon we do not
 * know gets a neutral one, and the report says so.
 */

/** What an unknown icon becomes. */
export const NEUTRAL_ICON = '▫️';

/** Words in an icon's name, in order of preference, and the emoji for them. */
const ICONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/home|house/, '🏠'],
  [/dashboard|speed|tachometer|gauge/, '📊'],
  [/line-chart|show_chart|chart-line|timeline|trending|area-chart/, '📈'],
  [/bar-chart|chart-bar|insert_chart|poll|assessment|analytics|chart/, '📊'],
  [/thermometer|thermostat|temperature|device_thermostat/, '🌡️'],
  [/bolt|flash|power|electric|energy|plug|outlet/, '⚡'],
  [/lightbulb|light|lamp|bulb|wb_incandescent|highlight/, '💡'],
  [/battery/, '🔋'],
  [/sun|sunny|wb_sunny|solar|weather-sunny/, '☀️'],
  [/moon|night|bedtime|nights_stay/, '🌙'],
  [/cloud|weather/, '☁️'],
  [/snow|ac_unit|frost/, '❄️'],
  [/tint|water|drop|opacity|humidity|shower/, '💧'],
  [/fire|flame|whatshot|local_fire|heat/, '🔥'],
  [/leaf|tree|park|garden|eco|grass|nature|yard|flower/, '🌿'],
  [/bed|hotel|sleep/, '🛏️'],
  [/bath|tub/, '🛁'],
  [/kitchen|cutlery|restaurant|utensils|silverware|food/, '🍳'],
  [/sofa|couch|weekend|living/, '🛋️'],
  [/tv|television|desktop|monitor|laptop|computer/, '📺'],
  [/car|automobile|garage|directions_car/, '🚗'],
  [/door|sign-in|sign-out|meeting_room/, '🚪'],
  [/lock|shield|security|key/, '🔒'],
  [/bell|notification|alarm|alert/, '🔔'],
  [/camera|video|videocam/, '📷'],
  [/music|volume|speaker|audio|headphones/, '🎵'],
  [/clock|time|schedule|timer|history|access_time/, '🕒'],
  [/calendar|event|today|date/, '📅'],
  [/cog|gear|settings|wrench|build|tune|sliders/, '⚙️'],
  [/wifi|signal|network|router|rss|sitemap|lan|hub/, '📶'],
  [/fan|mode_fan|toys/, '🌀'],
  [/user|person|people|group|account|face/, '👤'],
  [/info|help|question/, 'ℹ️'],
  [/list|table|view_list|format_list/, '📋'],
  [/map|globe|location|place|room|pin/, '📍'],
  [/cube|box|archive|inventory/, '📦'],
];

/**
 * The emoji for a Node-RED icon name, and whether it was recognised. An emoji or other
 * non-ASCII icon (Tafel's own kind) is kept as it is; none gives none.
 */
export function pageIcon(name: unknown): { icon: string | undefined; known: boolean } {
  if (typeof name !== 'string' || name.trim() === '') return { icon: undefined, known: true };
  const n = name.trim();
  if (/[^\x20-\x7e]/.test(n)) return { icon: n.slice(0, 8), known: true };
  const words = n.toLowerCase().replace(/^(fa|mi|mdi|material-icons|fa-fw)[-_ ]/, '');
  for (const [re, emoji] of ICONS) if (re.test(words)) return { icon: emoji, known: true };
  return { icon: NEUTRAL_ICON, known: false };
}
