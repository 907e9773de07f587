import type { TierThresholds } from '../server/engine/kpi/define-kpi';
import type { ReviewActionStatus } from '../server/engine/review/review-action-statuses';
import type { StoryKind } from '../server/engine/story/story-kinds';
import {
  ADULT_ACUTE_SERVICE,
  FFT_FALL_MONTH,
  FFT_FALL_WARD,
  FIRST_BREAKTHROUGH_FROM,
  FIRST_BREAKTHROUGH_KPI,
  FIRST_BREAKTHROUGH_TEAM,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  SICKNESS_SHIFT_FROM,
  SICKNESS_SHIFT_TEAM,
} from './demo-stories';

/**
 * What the demo trust's staff wrote beside their numbers, the one local ambition its board set, and the one
 * governance cycle already under way: each sits on a planted story, so a newcomer meets the narrative where
 * the number points.
 */

export interface DemoStory {
  orgUnit: string;
  period: string;
  kpi: string | null;
  kind: StoryKind;
  author: string;
  text: string;
}

export const DEMO_STORIES: readonly DemoStory[] = [
  {
    orgUnit: FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
    period: '2026-03',
    kpi: 'seven-day-follow-up',
    kind: 'CONTEXT',
    author: 'demo-rowan-ward-manager',
    text:
      'Every discharge had a call within seven days, but most calls only confirmed the next appointment. ' +
      'Few asked about risk, medication or how the person was coping at home.',
  },
  {
    orgUnit: FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
    period: '2026-03',
    kpi: 'seven-day-follow-up',
    kind: 'ACTION',
    author: 'demo-rowan-ward-manager',
    text: 'From April every follow-up call uses the structured check: risk, medication, support at home, and what has changed since discharge.',
  },
  {
    orgUnit: FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
    period: '2026-02',
    kpi: 'seven-day-follow-up',
    kind: 'PATIENT_STORY',
    author: 'demo-rowan-ward-manager',
    text:
      'A man discharged after his first admission told us the follow-up call asked only whether he had his ' +
      'appointment letter. He said he would have talked about not sleeping if anyone had asked.',
  },
  {
    orgUnit: FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
    period: '2026-03',
    kpi: 'cost-per-occupied-bed-day',
    kind: 'CONTEXT',
    author: 'demo-rowan-ward-manager',
    text: 'Agency nurses covered two vacancies all month, and the pay award landed: the cost per bed day follows the trust-wide rise.',
  },
  {
    orgUnit: ADULT_ACUTE_SERVICE,
    period: '2024-03',
    kpi: 'physical-interventions',
    kind: 'LEARNING',
    author: 'demo-adult-acute-matron',
    text:
      'A year into the restraint reduction programme: debriefs after every restraint, safety huddles at each ' +
      'handover, and prone restraint only as a last resort. Interventions fell by a quarter.',
  },
  {
    orgUnit: ADULT_ACUTE_SERVICE,
    period: '2026-03',
    kpi: 'physical-interventions',
    kind: 'CELEBRATION',
    author: 'demo-adult-acute-matron',
    text: 'Prone restraint is down from 82 a year to 32 across the seven wards, with no rise in incidents of harm.',
  },
  {
    orgUnit: SICKNESS_SHIFT_TEAM,
    period: SICKNESS_SHIFT_FROM,
    kpi: 'staff-sickness-absence',
    kind: 'CONTEXT',
    author: 'demo-crisis-team-lead',
    text: 'Two long-term absences began this month, and two posts have been vacant since spring, so the rota leans on the same people.',
  },
  {
    orgUnit: FFT_FALL_WARD,
    period: FFT_FALL_MONTH,
    kpi: 'friends-and-family-positive',
    kind: 'OUTLIER_EXPLANATION',
    author: 'demo-maple-ward-manager',
    text:
      'Building work closed the garden and the day room for three weeks. Comments speak of noise and of ' +
      'activities cancelled, not of the care itself.',
  },
  {
    orgUnit: FIRST_BREAKTHROUGH_TEAM,
    period: FIRST_BREAKTHROUGH_FROM,
    kpi: FIRST_BREAKTHROUGH_KPI,
    kind: 'CELEBRATION',
    author: 'demo-eip-team-lead',
    text: 'Referrals now reach a care coordinator on the day they arrive, thanks to the shared triage rota with the crisis team.',
  },
];

export interface DemoThresholds {
  orgUnit: string;
  kpi: string;
  thresholds: TierThresholds;
  fromPeriod: string;
  setBy: string;
  reason: string;
}

/** The adult acute directorate asks more of its wards' follow-up than the plugin's national-era defaults. */
export const DEMO_THRESHOLDS: readonly DemoThresholds[] = [
  {
    orgUnit: 'RNM-DIR-ADULT-ACUTE',
    kpi: 'seven-day-follow-up',
    thresholds: { essential: 85, desirable: 92, aspirational: 96, breakthrough: 99 },
    fromPeriod: '2025-04',
    setBy: 'demo-adult-acute-director',
    reason: 'Agreed at the directorate board for 2025/26: the week after discharge is when risk is highest.',
  },
];

export interface DemoReview {
  orgUnit: string;
  period: string;
  signedOffBy: string;
  comment: string;
  actions: readonly { text: string; owner: string; duePeriod: string; status: ReviewActionStatus }[];
}

/**
 * Rowan Ward has reported and reflected on March 2026, and its service manager has signed it off with one
 * action agreed: the cycle waits at REFRESH, while the other adult acute wards have yet to reflect.
 */
export const DEMO_REVIEWS: readonly DemoReview[] = [
  {
    orgUnit: FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
    period: '2026-03',
    signedOffBy: 'demo-adult-acute-service-manager',
    comment:
      'The follow-up rate has been perfect for a year and told us nothing; the assessed share tells us what matters.',
    actions: [
      {
        text: 'Use the structured follow-up check on every call, and report the assessed share monthly.',
        owner: 'Rowan Ward manager',
        duePeriod: '2026-05',
        status: 'OPEN',
      },
    ],
  },
];
