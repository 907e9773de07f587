import type { Tier } from './vocabulary';

const TIER_NAMES: Record<Tier, string> = {
  BELOW_ESSENTIAL: 'Below Essential',
  ESSENTIAL: 'Essential',
  DESIRABLE: 'Desirable',
  ASPIRATIONAL: 'Aspirational',
  BREAKTHROUGH: 'Breakthrough',
};

export function tierName(tier: Tier): string {
  return TIER_NAMES[tier];
}

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholePounds = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
});

/** A value as a sentence reads it: `62.5%`, `£1,240`, `7.2 per 1,000 occupied bed days`. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'PERCENT') return `${oneDecimal.format(value)}%`;
  if (unit === 'GBP') return wholePounds.format(value);
  const words = unit
    .toLowerCase()
    .split('_')
    .map((word) => (/^\d+$/.test(word) ? oneDecimal.format(Number(word)) : word))
    .join(' ');
  return `${oneDecimal.format(value)} ${words}`;
}
