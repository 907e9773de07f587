import type { PointType } from '../../engine/kpi/spc';

/**
 * Making Data Count's variation and assurance icons, drawn after NHS England's published set (NHS England,
 * "Making Data Count: strengthening your decisions", and its SPC tool's icon guide,
 * https://www.england.nhs.uk/statistical-process-control-tool/): a ring in the signal's colour, the letter
 * of the side the signal is on (H, L) or of the assurance (P, F, ?), and a small chart of what the icon means.
 * The colours are Making Data Count's: blue for improvement, orange for concern, grey for common cause.
 */
export const SIGNAL_COLOURS = {
  improvement: '#005EB8',
  concern: '#ED8B00',
  commonCause: '#768692',
} as const;

/** A chart's point in the colour of its type. */
export const POINT_COLOURS: Readonly<Record<PointType, string>> = {
  COMMON_CAUSE: SIGNAL_COLOURS.commonCause,
  SPECIAL_CAUSE_IMPROVEMENT: SIGNAL_COLOURS.improvement,
  SPECIAL_CAUSE_CONCERN: SIGNAL_COLOURS.concern,
};

export const VARIATION_ICONS = [
  'common-cause',
  'improvement-high',
  'improvement-low',
  'concern-high',
  'concern-low',
] as const;
export type VariationIcon = (typeof VARIATION_ICONS)[number];

export const ASSURANCE_ICONS = ['pass', 'fail', 'inconsistent'] as const;
export type AssuranceIcon = (typeof ASSURANCE_ICONS)[number];

const VARIATION_WORDS: Record<VariationIcon, string> = {
  'common-cause': 'Common cause variation: no signal, only noise',
  'improvement-high': 'Special cause variation: improvement, the values unusually high',
  'improvement-low': 'Special cause variation: improvement, the values unusually low',
  'concern-high': 'Special cause variation: concern, the values unusually high',
  'concern-low': 'Special cause variation: concern, the values unusually low',
};

const ASSURANCE_WORDS: Record<AssuranceIcon, string> = {
  pass: 'Assurance: the process will consistently meet the target',
  fail: 'Assurance: the process will consistently miss the target',
  inconsistent: 'Assurance: the process will sometimes meet the target and sometimes miss it',
};

export function variationWords(icon: VariationIcon): string {
  return VARIATION_WORDS[icon];
}

export function assuranceWords(icon: AssuranceIcon): string {
  return ASSURANCE_WORDS[icon];
}

/** Where an icon goes inside a larger drawing; a standalone icon fills its own 100 × 100 box. */
export interface IconPlacement {
  x: number;
  y: number;
  size: number;
}

/** The seven dots of the icon's small chart, as heights from 0 (bottom) to 1 (top). */
const DOT_HEIGHTS: Record<'flat' | 'high' | 'low', readonly number[]> = {
  flat: [0.45, 0.6, 0.4, 0.55, 0.45, 0.6, 0.5],
  high: [0.3, 0.4, 0.25, 0.35, 0.3, 0.8, 0.9],
  low: [0.7, 0.6, 0.75, 0.65, 0.7, 0.2, 0.1],
};

function ring(colour: string, letter: string): string {
  return (
    `<circle cx="50" cy="50" r="44" fill="#FFFFFF" stroke="${colour}" stroke-width="8"/>` +
    `<text x="50" y="43" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-weight="700" ` +
    `font-size="30" fill="${colour}">${letter}</text>`
  );
}

function dots(shape: keyof typeof DOT_HEIGHTS, colour: string): string {
  const heights = DOT_HEIGHTS[shape];
  const at = (index: number) => ({ x: 24 + index * 8.7, y: 80 - heights[index]! * 26 });
  const line = heights.map((_, index) => `${at(index).x.toFixed(1)},${at(index).y.toFixed(1)}`).join(' ');
  const circles = heights
    .map((_, index) => {
      const { x, y } = at(index);
      const fill = shape !== 'flat' && index >= heights.length - 2 ? colour : SIGNAL_COLOURS.commonCause;
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${fill}"/>`;
    })
    .join('');
  return `<polyline points="${line}" fill="none" stroke="${SIGNAL_COLOURS.commonCause}" stroke-width="2"/>${circles}`;
}

function variationBody(icon: VariationIcon): string {
  if (icon === 'common-cause') return ring(SIGNAL_COLOURS.commonCause, '') + dots('flat', '');
  const [kind, side] = icon.split('-') as ['improvement' | 'concern', 'high' | 'low'];
  const colour = kind === 'improvement' ? SIGNAL_COLOURS.improvement : SIGNAL_COLOURS.concern;
  return ring(colour, side === 'high' ? 'H' : 'L') + dots(side, colour);
}

function assuranceBody(icon: AssuranceIcon): string {
  const colour =
    icon === 'pass'
      ? SIGNAL_COLOURS.improvement
      : icon === 'fail'
        ? SIGNAL_COLOURS.concern
        : SIGNAL_COLOURS.commonCause;
  // The target as a red dashed line, and the process's limits as a band above it, below it, or across it.
  const band = { pass: [54, 64], fail: [78, 86], inconsistent: [60, 84] }[icon];
  return (
    ring(colour, icon === 'pass' ? 'P' : icon === 'fail' ? 'F' : '?') +
    `<rect x="22" y="${band[0]}" width="56" height="${band[1]! - band[0]!}" fill="${colour}" opacity="0.35"/>` +
    `<line x1="20" y1="72" x2="80" y2="72" stroke="#D5281B" stroke-width="3" stroke-dasharray="6 3"/>`
  );
}

function frame(body: string, label: string, placement?: IconPlacement): string {
  const box = placement
    ? `x="${placement.x}" y="${placement.y}" width="${placement.size}" height="${placement.size}" `
    : 'xmlns="http://www.w3.org/2000/svg" width="100" height="100" ';
  return `<svg ${box}viewBox="0 0 100 100" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
}

/** A variation icon: standalone (an SVG document) or placed inside a larger drawing. */
export function variationIconSvg(icon: VariationIcon, placement?: IconPlacement): string {
  return frame(variationBody(icon), VARIATION_WORDS[icon], placement);
}

/** An assurance icon: standalone (an SVG document) or placed inside a larger drawing. */
export function assuranceIconSvg(icon: AssuranceIcon, placement?: IconPlacement): string {
  return frame(assuranceBody(icon), ASSURANCE_WORDS[icon], placement);
}
