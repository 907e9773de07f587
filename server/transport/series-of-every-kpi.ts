/**
 * A unit's `series` for every KPI in one operation, as aliases `series0`, `series1`… whose keys come in
 * variables (`$kpi0`, …), so only how many KPIs there are shapes the document.
 */
export interface SeriesOfEveryKpi {
  /** The variables' declarations, to follow an operation's own: `, $kpi0: String!, …`. */
  declarations: string;
  /** The aliased fields, to put where a unit's fields go; they read `$from` and `$to`. */
  fields: string;
  /** The variables' values. */
  variables: Record<string, string>;
  /** A unit's series of one KPI, from what the operation answered for the unit. */
  of<Series>(unit: Record<string, unknown>, key: string): Series;
}

export function seriesOfEveryKpi(keys: readonly string[], selection: string): SeriesOfEveryKpi {
  const alias = new Map(keys.map((key, index) => [key, `series${index}`]));
  return {
    declarations: keys.map((_, index) => `, $kpi${index}: String!`).join(''),
    fields: keys
      .map((_, index) => `series${index}: series(kpi: $kpi${index}, from: $from, to: $to) { ${selection} }`)
      .join('\n'),
    variables: Object.fromEntries(keys.map((key, index) => [`kpi${index}`, key])),
    of: <Series>(unit: Record<string, unknown>, key: string) => unit[alias.get(key)!] as Series,
  };
}
