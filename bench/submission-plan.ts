import { followUp } from '../test/support/operations';
import type { ExpectedEvent } from './live-subscribers';

export interface PlannedSubmission {
  input: ReturnType<typeof followUp>;
  /** What a subscriber on the system must receive once it is committed. */
  expected: ExpectedEvent;
}

const MONTHS = ['2026-01', '2026-02', '2026-03'];

/**
 * Seven-day follow-up submissions that walk the teams and alternate months, each with numbers its team has
 * not sent before (so every one moves the system's value), and the system's value after each: the KPI of
 * the summed inputs, as the server computes it.
 */
export class SubmissionPlan {
  private count = 0;
  /** The latest followedUp and discharged per team and month. */
  private readonly latest = new Map<string, { team: string; followedUp: number; discharged: number }>();

  constructor(private readonly teams: readonly string[]) {}

  next(): PlannedSubmission {
    const n = this.count++;
    const team = this.teams[n % this.teams.length]!;
    const period = MONTHS[n % MONTHS.length]!;
    const discharged = 30 + n;
    const followedUp = discharged - (n % 7);
    const assessed = followedUp - (n % 3);
    this.latest.set(`${team} ${period}`, { team, followedUp, discharged });

    let followedUpSum = 0;
    let dischargedSum = 0;
    let reporting = 0;
    for (const [key, values] of this.latest) {
      if (!key.endsWith(` ${period}`)) continue;
      followedUpSum += values.followedUp;
      dischargedSum += values.discharged;
      reporting++;
    }
    return {
      input: followUp(team, period, followedUp, discharged, assessed),
      expected: { period, value: (100 * followedUpSum) / dischargedSum, reporting },
    };
  }
}
