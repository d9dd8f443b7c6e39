import { lazy, Suspense, useMemo } from 'react';
import { formatNumber } from '@/components/format-number';
import { InvalidValue } from '@/components/invalid-value';
import { readNumber } from '@/mqtt/payload';
import type { WidgetViewProps } from '../types';
import { gaugeSectors, type GaugeConfig } from './schema';

// The drawing library is the heaviest part of the gauge (~42 kB gzip): it loads beside the
// app instead of inside its first bundle, and the number is shown before the arc appears.
const GaugeComponent = lazy(() => import('react-gauge-component'));

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

const TICK_STYLE = { fill: 'var(--muted)', fontSize: '10px', textShadow: 'none' };

export function GaugeView({ config, value }: WidgetViewProps<GaugeConfig>) {
  const { title, min, max, unit, decimals, colors } = config;
  const reading = useMemo(
    () => (value ? readNumber(value.payload, config.valuePath) : null),
    [value, config.valuePath],
  );
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

  const ok = reading?.ok === true;
  const v = ok ? reading.value : null;
  const text = v === null ? null : formatNumber(v, decimals);
  const range = v === null ? '' : v > max ? ' (above maximum)' : v < min ? ' (below minimum)' : '';
  const valueText =
    reading === null
      ? 'no value yet'
      : text === null
        ? 'invalid value'
        : `${text}${unit ? ' ' + unit : ''}${range}`;
  // Out-of-range values pin the needle at the end; the number below stays the true one.
  const needle = v === null ? min : Math.min(max, Math.max(min, v));

  return (
    <div className={`gauge${v === null ? ' gauge--empty' : ''}`}>
      <div
        role="meter"
        className="gauge__dial"
        aria-label={title}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={v ?? undefined}
        aria-valuetext={valueText}
      >
        <Suspense fallback={null}>
          <GaugeComponent
            type="semicircle"
            value={needle}
            minValue={min}
            maxValue={max}
            arc={arc}
            labels={labels}
            pointer={POINTER}
            marginInPercent={{ top: 0.08, bottom: 0, left: 0.08, right: 0.08 }}
          />
        </Suspense>
      </div>
      <div className="gauge__readout">
        {reading === null ? (
          <span className="gauge__waiting">—</span>
        ) : reading.ok ? (
          <span className="gauge__number">
            {text}
            {unit && <span className="gauge__unit">{unit}</span>}
            {range && <span className="gauge__range">{range.trim().replace(/[()]/g, '')}</span>}
          </span>
        ) : (
          <InvalidValue reason={reading.reason} raw={reading.raw} />
        )}
      </div>
    </div>
  );
}
