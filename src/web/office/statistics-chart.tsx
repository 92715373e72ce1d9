/**
 * A horizontal bar chart drawn on the server as SVG: no script, no inline style (the colours are
 * presentation attributes). The picture is `role="img"` with a title and a description; the table
 * beside it is the text alternative with every value. Bars of protected counts ("<3") are not drawn.
 */
import { statisticsTexts as t } from '../../../content/messages/statistics/de.ts';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown ('<3' for a protected count). */
  shown: string;
  /** A protected count: no bar, only its text. */
  hidden?: boolean;
}

const WIDTH = 720;
const LABEL_WIDTH = 260;
const VALUE_WIDTH = 60;
const ROW = 28;
const BAR = 18;
const TOP = 8;
/** KERN's primary blue on white: contrast well above 3:1. */
const BAR_COLOUR = '#1a4d8f';
const TEXT_COLOUR = '#1b1b1b';

const clip = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BarChart({ id, title, bars }: { id: string; title: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.filter((b) => !b.hidden).map((b) => b.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP * 2 + Math.max(1, bars.length) * ROW;
  const top = bars.filter((b) => !b.hidden && b.value > 0).sort((a, b) => b.value - a.value)[0];
  const summary =
    bars.length === 0 || !top
      ? t.chartEmpty
      : `${bars.length} Balken; der größte Wert: ${top.label} mit ${top.shown}.${
          bars.some((b) => b.hidden) ? ` ${t.chartSmall}` : ''
        }`;
  return (
    <figure class="app-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        font-family="Fira Sans, sans-serif"
        font-size="14"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t.chartDesc.replace('{summary}', summary)}</desc>
        {bars.length === 0 ? (
          <text x="0" y={TOP + BAR} fill={TEXT_COLOUR}>
            {t.chartEmpty}
          </text>
        ) : null}
        {bars.map((bar, i) => {
          const y = TOP + i * ROW;
          const length = bar.hidden ? 0 : Math.round((bar.value / max) * span);
          return (
            <g key={`${bar.label}-${i}`}>
              <text x={LABEL_WIDTH - 8} y={y + BAR - 4} text-anchor="end" fill={TEXT_COLOUR}>
                {clip(bar.label)}
              </text>
              {length > 0 ? (
                <rect x={LABEL_WIDTH} y={y} width={length} height={BAR} fill={BAR_COLOUR} />
              ) : null}
              <text x={LABEL_WIDTH + length + 6} y={y + BAR - 4} fill={TEXT_COLOUR}>
                {bar.shown}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="kern-body kern-body--small">{title}</figcaption>
    </figure>
  );
}
