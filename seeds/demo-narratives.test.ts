import { readdirSync } from 'node:fs';
import path from 'node:path';
import { checkFreeText } from '../server/engine/free-text';
import { checkStoryKind } from '../server/engine/story/check-story-input';
import { tiersOrdered } from '../server/engine/kpi/tiers';
import type { KpiDefinition } from '../server/engine/kpi/define-kpi';
import { DEMO_REVIEWS, DEMO_STORIES, DEMO_THRESHOLDS } from './demo-narratives';
import { buildDemoTrust } from './demo-trust';

const PLUGINS = path.join(__dirname, '../plugins');
const kpis = new Map<string, KpiDefinition>(
  readdirSync(PLUGINS)
    .filter((file) => file.endsWith('.kpi.ts'))
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugins are loaded as the server loads them
      const definition = (require(path.join(PLUGINS, file)) as { default: KpiDefinition }).default;
      return [definition.key, definition] as const;
    }),
);
const units = new Set(buildDemoTrust().orgUnits.map((unit) => unit.code));

describe('the demo narratives', () => {
  it.each(DEMO_STORIES.map((story) => [`${story.orgUnit} ${story.period} ${story.kind}`, story] as const))(
    'tells %s as the API would accept it',
    (_name, story) => {
      expect(units.has(story.orgUnit)).toBe(true);
      if (story.kpi !== null) expect(kpis.has(story.kpi)).toBe(true);
      expect(story.period <= '2026-03').toBe(true);
      expect(checkStoryKind(story.kind)).toBe(story.kind);
      expect(checkFreeText('text', story.text)).toBe(story.text);
    },
  );

  it.each(DEMO_THRESHOLDS.map((setting) => [`${setting.orgUnit} ${setting.kpi}`, setting] as const))(
    'sets %s in the order the KPI improves',
    (_name, setting) => {
      expect(units.has(setting.orgUnit)).toBe(true);
      expect(tiersOrdered(setting.thresholds, kpis.get(setting.kpi)!.direction)).toBe(true);
    },
  );

  it.each(DEMO_REVIEWS.map((review) => [`${review.orgUnit} ${review.period}`, review] as const))(
    'records the review of %s as the API would accept it',
    (_name, review) => {
      expect(units.has(review.orgUnit)).toBe(true);
      expect(checkFreeText('comment', review.comment)).toBe(review.comment);
      for (const action of review.actions) {
        expect(checkFreeText('text', action.text)).toBe(action.text);
        expect(action.duePeriod >= review.period).toBe(true);
      }
    },
  );
});
