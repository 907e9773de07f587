/** Operations the integration tests share, written as a client would write them. */

export const SUBMIT = `
  mutation Submit($input: SubmitObservationInput!) {
    submitObservation(input: $input) {
      id version period value tier submittedBy submittedAt
      kpi { key } orgUnit { code } values { name value }
    }
  }`;

export const KPI_VALUE = `
  query Value($code: String!, $kpi: String!, $period: String!) {
    orgUnit(code: $code) {
      kpiValue(kpi: $kpi, period: $period) { period value tier reporting expected inputs { name value } }
    }
  }`;

export function followUp(
  orgUnit: string,
  period: string,
  followedUp: number,
  discharged: number,
  assessed: number,
) {
  return {
    kpi: 'seven-day-follow-up',
    orgUnit,
    period,
    values: [
      { name: 'followedUp', value: followedUp },
      { name: 'discharged', value: discharged },
      { name: 'assessed', value: assessed },
    ],
  };
}
