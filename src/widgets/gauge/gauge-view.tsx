import { useMemo, useState } from 'react';
import { LoadArea, lazyRetry } from '@/components/lazy-retry';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n/i18n';
import { say } from '@/i18n/message';
import { formatNumber } from '@/i18n/format';
import { InvalidValue } from '@/components/invalid-value';
import { NoValue } from '@/components/no-value';
import { readNumber } from '../kit/value';
import type { WidgetViewProps } from '../types';
import {
  cardinal,
  gaugeRange,
  gaugeSectors,
  sectorColor,
  wrapDegrees,
  type GaugeConfig,
} from './schema';
import './gauge.css';

// The drawing library is the heaviest part of the gauge (~42 kB gzip): it loads beside the
// app instead of inside its first bundle, and the number is shown before the arc appears.
// A failed download leaves the number alone and the arc comes when the server is back.
const GaugeComponent = lazyRetry(() => import('react-gauge-component').then((m) => m.default));

// Stable objects: the library rebuilds its SVG when these change, and only moves the needle
// when just `value` changes.
const POINTER = {
  type: 'needle',
  color: 'var(--gauge-needle)',
  baseColor: 'var(--gauge-needle)',
  animate: true,
  elastic: false,
  animationDuration: 350,
  animationDelay: 0,
  maxFps: 30,
  length: 0.72,
  width: 14,
} as const;

/**
 * Before a value (or with none): no visible needle, so the dial never shows a reading it does
 * not have. Transparent rather than `hide: true`: react-gauge-component 2.0.29 then removes
 * the needle's element, and its redraw after a settings change reads that element's style
 * from an empty selection and throws ("Cannot read properties of null (reading 'style')",
 * seen in an e2e run while a gauge without a value was being configured).
 */
const NO_POINTER = {
  ...POINTER,
  color: 'transparent',
  baseColor: 'transparent',
  animate: false,
} as const;

const TICK_STYLE = { fill: 'var(--muted)', fontSize: '10px', textShadow: 'none' };

/**
 * A number on a dial. Every variant is one `role="meter"` named by the title, with
 * aria-valuenow/min/max and a valuetext carrying the unit; the drawing itself is hidden from
 * assistive technology. Out-of-range values pin the drawing at its end while the number stays
 * the true one; a compass wraps instead (370 → 10).
 */
export function GaugeView({ config, value }: WidgetViewProps<GaugeConfig>) {
  const { title, unit, decimals, variant } = config;
  const { t } = useTranslation('widgets');
  const { min, max } = gaugeRange(config);
  // Read again in another language: German reads "21,5" as a number.
  const language = currentLanguage();
  const reading = useMemo(
    () => (value ? readNumber(value.payload, config.valuePath, language) : null),
    [value, config.valuePath, language],
  );

  const ok = reading?.ok === true;
  const v = ok ? (variant === 'compass' ? wrapDegrees(reading.value) : reading.value) : null;
  const text = v === null ? null : formatNumber(v, decimals);
  const range =
    v === null ? '' : v > max ? t('common.aboveMax') : v < min ? t('common.belowMin') : '';
  const direction = v !== null && variant === 'compass' ? cardinal(v) : null;
  const valueText =
    reading === null
      ? t('gauge.noValueYet')
      : !reading.ok && reading.kind === 'none'
        ? t('gauge.noValue', { reason: say(reading.reason) })
        : text === null
          ? t('gauge.invalid')
          : `${text}${unit ? ' ' + unit : ''}${range ? ` (${range})` : ''}${direction ? ` (${direction})` : ''}`;
  // Out-of-range values pin the drawing at the end; the number below stays the true one.
  const pinned = v === null ? min : Math.min(max, Math.max(min, v));
  const fraction = (pinned - min) / (max - min);
  const color = v === null ? config.colors[0] : sectorColor(config, pinned);

  // In a donut the number sits inside the ring; the invalid state (a button that opens the
  // raw payload) needs room and goes below it.
  const inside = variant === 'donut' && reading?.ok !== false;

  return (
    <div
      className={`gauge gauge--${variant}${v === null ? ' gauge--empty' : ''}${inside ? ' gauge--readout-inside' : ''}`}
    >
      <div
        role="meter"
        className="gauge__dial"
        aria-label={title}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={v ?? undefined}
        aria-valuetext={valueText}
      >
        {variant === 'arc' && <ArcDial config={config} needle={v === null ? null : pinned} />}
        {variant === 'donut' && <DonutDial fraction={fraction} color={color} />}
        {variant === 'compass' && (
          <CompassDial degrees={v === null ? null : pinned} color={config.colors[0]} />
        )}
        {variant === 'level' && <LevelDial fraction={fraction} color={color} min={min} max={max} />}
      </div>
      <div className={`gauge__readout${inside ? ' gauge__readout--inside' : ''}`}>
        {reading === null || (!reading.ok && reading.kind === 'none') ? (
          <span className="gauge__waiting">
            <NoValue reason={reading?.ok === false ? reading.reason : undefined} />
          </span>
        ) : reading.ok ? (
          <span className="gauge__number">
            {text}
            {unit && <span className="gauge__unit">{unit}</span>}
            {direction && <span className="gauge__cardinal">{direction}</span>}
            {range && <span className="gauge__range">{range}</span>}
          </span>
        ) : (
          <InvalidValue reason={reading.reason} raw={reading.raw} />
        )}
      </div>
    </div>
  );
}

/** Node-RED's gauge: a half dial drawn by react-gauge-component (the tutorial's look). */
function ArcDial({ config, needle }: { config: GaugeConfig; needle: number | null }) {
  const { min, max, colors } = config;
  const [s1, s2, s3] = gaugeSectors(config);
  const arc = useMemo(
    () => ({
      width: 0.22,
      padding: 0.006,
      cornerRadius: 1,
      subArcs: [
        { limit: s1, color: colors[0], showTick: false },
        { limit: s2, color: colors[1], showTick: false },
        { limit: s3, color: colors[2], showTick: false },
      ],
    }),
    [s1, s2, s3, colors],
  );
  const labels = useMemo(
    () => ({
      valueLabel: { hide: true },
      tickLabels: {
        type: 'outer' as const,
        ticks: [{ value: min }, { value: max }],
        defaultTickValueConfig: {
          style: TICK_STYLE,
          formatTextValue: (v: number) => formatNumber(v, null),
        },
        defaultTickLineConfig: { hide: true },
      },
    }),
    [min, max],
  );
  return (
    <LoadArea failed={null}>
      <GaugeComponent
        type="semicircle"
        value={needle ?? min}
        minValue={min}
        maxValue={max}
        arc={arc}
        labels={labels}
        pointer={needle === null ? NO_POINTER : POINTER}
        marginInPercent={{ top: 0.08, bottom: 0, left: 0.08, right: 0.08 }}
      />
    </LoadArea>
  );
}

const RING_R = 50;
const RING_LENGTH = 2 * Math.PI * RING_R;

/** A ring filled clockwise from the top to the value, in the colour of the value's sector. */
function DonutDial({ fraction, color }: { fraction: number; color: string }) {
  return (
    <svg className="gauge__svg" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
      <circle className="gauge__track" cx="60" cy="60" r={RING_R} />
      <circle
        className="gauge__ring"
        cx="60"
        cy="60"
        r={RING_R}
        stroke={color}
        strokeDasharray={`${fraction * RING_LENGTH} ${RING_LENGTH}`}
        transform="rotate(-90 60 60)"
      />
    </svg>
  );
}

const POINTS = [
  { point: 'N', x: 60, y: 20 },
  { point: 'E', x: 100, y: 60 },
  { point: 'S', x: 60, y: 100 },
  { point: 'W', x: 20, y: 60 },
] as const;
const TICKS = Array.from({ length: 12 }, (_, i) => i * 30);

/** A full circle with N/E/S/W and a needle pointing at the bearing. */
function CompassDial({ degrees, color }: { degrees: number | null; color: string }) {
  const { t } = useTranslation('widgets');
  const angle = useShortestTurn(degrees ?? 0);
  return (
    <svg className="gauge__svg" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
      <circle className="gauge__face" cx="60" cy="60" r="56" />
      {TICKS.map((t) => (
        <line
          key={t}
          className={t % 90 === 0 ? 'gauge__tick gauge__tick--major' : 'gauge__tick'}
          x1="60"
          y1={t % 90 === 0 ? 5 : 7}
          x2="60"
          y2="13"
          transform={`rotate(${t} 60 60)`}
        />
      ))}
      {POINTS.map((p) => (
        <text
          key={p.point}
          className={p.point === 'N' ? 'gauge__point gauge__point--north' : 'gauge__point'}
          x={p.x}
          y={p.y}
        >
          {t(`gauge.cardinal.${p.point}`)}
        </text>
      ))}
      {degrees !== null && (
        <g className="gauge__compass-needle" style={{ transform: `rotate(${angle}deg)` }}>
          <polygon points="60,28 65,60 55,60" fill={color} />
          <polygon className="gauge__needle-tail" points="60,86 65,60 55,60" />
        </g>
      )}
      <circle className="gauge__hub" cx="60" cy="60" r="4" />
    </svg>
  );
}

/**
 * The needle's rotation, turning the short way: 350° → 10° animates +20°, not −340°. The
 * angle accumulates beyond 360 on purpose; only its value modulo 360 is ever seen.
 */
function useShortestTurn(degrees: number): number {
  const [turn, setTurn] = useState({ target: degrees, angle: degrees });
  if (turn.target !== degrees) {
    let delta = (degrees - turn.angle) % 360;
    if (delta > 180) delta -= 360;
    if (delta < -180) delta += 360;
    const next = { target: degrees, angle: turn.angle + delta };
    setTurn(next);
    return next.angle;
  }
  return turn.angle;
}

/** A vertical tank filled to the value, with the range beside it. */
function LevelDial({
  fraction,
  color,
  min,
  max,
}: {
  fraction: number;
  color: string;
  min: number;
  max: number;
}) {
  return (
    <>
      <div className="gauge__level-scale" aria-hidden="true">
        <span>{formatNumber(max, null)}</span>
        <span>{formatNumber(min, null)}</span>
      </div>
      <div className="gauge__tank" aria-hidden="true">
        <div
          className="gauge__tank-fill"
          style={{ height: `${fraction * 100}%`, background: color }}
        />
      </div>
    </>
  );
}
