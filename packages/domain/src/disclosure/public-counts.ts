import type { DisclosurePolicy } from '../program/program.entity.js';
import {
  PUBLISHED_REVIEW_STATISTICS,
  REVIEW_STATISTICS,
  type PublishedReviewStatistic,
  type ReviewStatistics,
} from '../review/review-statistics.js';
import { suppressLinear, type Line } from './linear-suppression.js';

/**
 * The one suppression policy for every public count (docs/disclosure.md, "Small-cell
 * suppression"). A public figure that counts people or households — or sums money paid to them,
 * which gives a count away once the standard is known — is a *cell* of a table, with the count
 * the threshold applies to (households, applications) and the figures published with it. The
 * cell takes the disclosure policy of the programs it counts, the strictest of them:
 *
 * - listed: published (the 幸福清单 names these households one by one anyway);
 * - counted: a count of 1 to SUPPRESSION_THRESHOLD is suppressed; zero is shown. Cells tied by a
 *   published sum are suppressed together so that none is the one unknown of a sum
 *   (linear-suppression.ts);
 * - hidden: never published.
 *
 * The release rollups (rollup-suppression.ts), application statistics and re-review campaign
 * figures all decide here; the public API publishes a figure only through `publishFigures`, with
 * a decision only this module makes (`CountDecision`), and declares each such field (a test walks
 * the public schema for count fields that do not).
 */

/** Cells with 1 ≤ count ≤ this number are suppressed. */
export const SUPPRESSION_THRESHOLD = 10;

const STRICTNESS: Record<DisclosurePolicy, number> = { listed: 0, counted: 1, hidden: 2 };

/** The policy of a figure that counts several programs: the strictest of theirs (none: listed). */
export function strictestPolicy(policies: Iterable<DisclosurePolicy>): DisclosurePolicy {
  let strictest: DisclosurePolicy = 'listed';
  for (const policy of policies) if (STRICTNESS[policy] > STRICTNESS[strictest]) strictest = policy;
  return strictest;
}

declare const decided: unique symbol;
/** The policy's verdict on one cell; only this module makes them. */
export interface CountDecision {
  readonly suppressed: boolean;
  readonly [decided]: true;
}

declare const published: unique symbol;
/** A figure that went through the policy. */
export type Published<T> = T & { readonly [published]: true };

export interface CountCell {
  policy: DisclosurePolicy;
  /** The number the threshold applies to: households, applications. */
  count: number;
}

const decision = (suppressed: boolean) => ({ suppressed }) as CountDecision;

/** Primary suppression: hidden always, counted when 1 ≤ count ≤ threshold, listed never. */
function primary(cell: CountCell): boolean {
  return cell.policy === 'hidden' || (cell.policy === 'counted' && cell.count >= 1 && cell.count <= SUPPRESSION_THRESHOLD);
}

/**
 * Decides a table of cells: primary suppression, then secondary suppression along the lines (a
 * line: cells whose sum is published as another cell, its total; an upper bound such as "approved
 * + rejected ≤ received" is a line too). Listed cells are never suppressed.
 */
export function decideCounts(cells: readonly CountCell[], lines: readonly Line[] = []): CountDecision[] {
  const locked = new Set(cells.flatMap((c, i) => (c.policy === 'listed' ? [i] : [])));
  const suppressed = suppressLinear(
    cells.map((c) => Math.max(0, c.count)),
    lines,
    { threshold: SUPPRESSION_THRESHOLD, primary: cells.map(primary), locked },
  );
  return suppressed.map(decision);
}

/**
 * A decision made earlier by `decideCounts` and stored (the `suppressed` flag of a release's
 * rollups), checked once more against primary suppression: a counted cell of 1 to 10 is never
 * published, whatever a row says.
 */
export function decideStored(cell: CountCell & { suppressed: boolean }): CountDecision {
  return decision(cell.suppressed || primary(cell));
}

/** The figures of a cell as published: each one, or null when the cell is suppressed. */
export function publishFigures<F extends Record<string, number | string>>(
  verdict: CountDecision,
  figures: F,
): { [K in keyof F]: Published<F[K]> | null } {
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, verdict.suppressed ? null : value])) as {
    [K in keyof F]: Published<F[K]> | null;
  };
}

/** One row of application statistics (a county or one of its towns, a program, a year). */
export interface ApplicationCounts {
  regionCode: string;
  programCode: string;
  policy: DisclosurePolicy;
  received: number;
  approved: number;
  rejected: number;
}

export interface PublishedApplicationCounts {
  received: Published<number> | null;
  approved: Published<number> | null;
  rejected: Published<number> | null;
}

/**
 * Application statistics of one county and year, every town and the county itself, as published.
 * Each number is a cell (applications are households asking); the towns of a county sum to it,
 * measure by measure, and what is approved or rejected in a year is at most what was received in
 * it — when nothing is pending the two sum exactly, so {approved, rejected} is a line with
 * received as its total. Decide the whole county at once, whichever region is asked for: the
 * same cells are suppressed for every reader.
 */
export function publishApplicationCounts(rows: readonly ApplicationCounts[]): PublishedApplicationCounts[] {
  const measures = ['received', 'approved', 'rejected'] as const;
  const cells: CountCell[] = rows.flatMap((r) => measures.map((m) => ({ policy: r.policy, count: r[m] })));
  const at = (row: number, measure: (typeof measures)[number]) => row * measures.length + measures.indexOf(measure);
  const lines: Line[] = rows.map((_, i) => ({ cells: [at(i, 'approved'), at(i, 'rejected')], total: at(i, 'received') }));
  const byProgram = new Map<string, number[]>();
  rows.forEach((r, i) => byProgram.set(r.programCode, [...(byProgram.get(r.programCode) ?? []), i]));
  for (const indexes of byProgram.values()) {
    const county = indexes.find((i) => rows[i]!.regionCode.length === 6);
    if (county === undefined) continue;
    const towns = indexes.filter((i) => rows[i]!.regionCode.length === 9);
    for (const m of measures) lines.push({ cells: towns.map((t) => at(t, m)), total: at(county, m) });
  }
  const decisions = decideCounts(cells, lines);
  return rows.map((r, i) => ({
    ...publishFigures(decisions[at(i, 'received')]!, { received: r.received }),
    ...publishFigures(decisions[at(i, 'approved')]!, { approved: r.approved }),
    ...publishFigures(decisions[at(i, 'rejected')]!, { rejected: r.rejected }),
  }));
}

/** A re-review campaign's published figures (review-statistics.ts), with the strictest policy of the programs it reviewed. */
export type CampaignCounts = { policy: DisclosurePolicy } & Pick<ReviewStatistics, PublishedReviewStatistic>;

export type PublishedCampaignCounts = { [K in PublishedReviewStatistic]: Published<number> | null };

/**
 * A campaign's figures as published. One cell per households figure, decided on its count:
 * reviewed; cancelled (households and persons); adjusted; newly approved — each figure goes with
 * the households figure REVIEW_STATISTICS names as `decidedBy`. No published sum ties them (the
 * households that simply continued are not published), so the threshold alone applies.
 */
export function publishCampaignCounts(c: CampaignCounts): PublishedCampaignCounts {
  const cells = [...new Set(PUBLISHED_REVIEW_STATISTICS.map((name) => REVIEW_STATISTICS[name].decidedBy))];
  const decisions = decideCounts(cells.map((cell) => ({ policy: c.policy, count: c[cell] })));
  const verdict = new Map(cells.map((cell, i) => [cell, decisions[i]!]));
  return Object.assign(
    {},
    ...PUBLISHED_REVIEW_STATISTICS.map((name) => publishFigures(verdict.get(REVIEW_STATISTICS[name].decidedBy)!, { [name]: c[name] })),
  ) as PublishedCampaignCounts;
}

/** One figure of data-driven assistance of a county and year (release_assistance_figure). */
export interface AssistanceCounts {
  policy: DisclosurePolicy;
  /** Hits, applications: each concerns a household or person. */
  cases: number;
  /** Recovered (hits) or paid first (先行救助), in fen. */
  amountFen: number;
}

export interface PublishedAssistanceCounts {
  cases: Published<number> | null;
  amountFen: Published<number> | null;
}

/**
 * The figures of data-driven assistance as published: one cell per figure, decided on its cases
 * (the amount goes with them). No published sum ties them (no totals are published beside them),
 * so the threshold alone applies.
 */
export function publishAssistanceCounts(rows: readonly AssistanceCounts[]): PublishedAssistanceCounts[] {
  const decisions = decideCounts(rows.map((r) => ({ policy: r.policy, count: r.cases })));
  return rows.map((r, i) => publishFigures(decisions[i]!, { cases: r.cases, amountFen: r.amountFen }));
}

/** Applications of a program made in a year through one channel (release_application_channel). */
export interface ChannelCounts {
  programCode: string;
  channel: string;
  policy: DisclosurePolicy;
  applications: number;
  /** Of them, approved by 秒批. */
  instant: number;
}

export interface PublishedProgramChannels {
  programCode: string;
  /** Every application of the program made in the year: its `received` of the application statistics. */
  applications: Published<number> | null;
  /** Approved by 秒批. */
  instant: Published<number> | null;
  /** instant ÷ applications in percent, two decimals; null unless both are published. */
  instantPercent: Published<number> | null;
  channels: { channel: string; applications: Published<number> | null; percent: Published<number> | null }[];
}

const percentOf = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 100;

/**
 * Applications by program and channel, with the share approved by 秒批, as published. The
 * channels of a program sum to its applications of the year — the same number the application
 * statistics publish as the county's `received` (the caller passes them as published there:
 * null when suppressed). So a program's total is one cell with the channels as its line: its
 * verdict is the application statistics' (published ones stay published, suppressed ones stay
 * suppressed) and a channel left alone in the line by primary suppression takes a second one with
 * it. 秒批 approvals take the stricter of counted and the program's policy, like the 秒批 figures
 * of `assistanceFigures` (the same applications). A percentage goes with both of its numbers.
 */
export function publishChannelCounts(
  rows: readonly ChannelCounts[],
  received: ReadonlyMap<string, Published<number> | null>,
): PublishedProgramChannels[] {
  const programs = [...new Set(rows.map((r) => r.programCode))];
  const counts: number[] = [];
  const primaryFlags: boolean[] = [];
  const locked = new Set<number>();
  const lines: Line[] = [];
  const cell = (count: number, suppressed: boolean, lock = false) => {
    counts.push(count);
    primaryFlags.push(suppressed);
    if (lock) locked.add(counts.length - 1);
    return counts.length - 1;
  };
  const layout = programs.map((programCode) => {
    const own = rows.filter((r) => r.programCode === programCode);
    const policy = own[0]!.policy;
    const total = own.reduce((sum, r) => sum + r.applications, 0);
    const instant = own.reduce((sum, r) => sum + r.instant, 0);
    const stated = received.has(programCode) ? received.get(programCode) : undefined;
    const totalCell =
      stated === undefined
        ? cell(total, primary({ policy, count: total }), policy === 'listed')
        : cell(total, stated === null, stated !== null);
    const channelCells = own.map((r) => cell(r.applications, primary({ policy, count: r.applications }), policy === 'listed'));
    lines.push({ cells: channelCells, total: totalCell });
    const instantPolicy = strictestPolicy([policy, 'counted']);
    const instantCell = cell(instant, primary({ policy: instantPolicy, count: instant }), false);
    return { programCode, own, total, instant, totalCell, channelCells, instantCell };
  });
  const suppressed = suppressLinear(counts, lines, { threshold: SUPPRESSION_THRESHOLD, primary: primaryFlags, locked });
  const show = (i: number, value: number) => (suppressed[i] ? null : (value as Published<number>));
  return layout.map((p) => ({
    programCode: p.programCode,
    applications: show(p.totalCell, p.total),
    instant: show(p.instantCell, p.instant),
    instantPercent: suppressed[p.totalCell] || suppressed[p.instantCell] ? null : (percentOf(p.instant, p.total) as Published<number>),
    channels: p.own.map((r, k) => ({
      channel: r.channel,
      applications: show(p.channelCells[k]!, r.applications),
      percent: suppressed[p.totalCell] || suppressed[p.channelCells[k]!] ? null : (percentOf(r.applications, p.total) as Published<number>),
    })),
  }));
}

/** The applications of a program decided in a year one way (release_decision_time). */
export interface DecisionTimeCounts {
  policy: DisclosurePolicy;
  /** Applications decided: the cell's count (not published here). */
  cases: number;
  medianDays: number;
}

/**
 * The median days from application to decision, as published: a cell of the decided
 * applications (the program's policy), null when they are 1 to 10. The number of cases is not
 * published with it: the application statistics publish it (approved, rejected), decided there
 * with the lines it belongs to, and a second, differently suppressed copy could give a cell away.
 */
export function publishDecisionTimes(rows: readonly DecisionTimeCounts[]): (Published<number> | null)[] {
  const decisions = decideCounts(rows.map((r) => ({ policy: r.policy, count: r.cases })));
  return rows.map((r, i) => publishFigures(decisions[i]!, { medianDays: r.medianDays }).medianDays);
}

// ---- elder care ----------------------------------------------------------------------------------

/**
 * Elder care's figures of institutions — facilities by kind, beds, certified caregivers, star
 * ratings, inspections and the hazards they found, rectified or left open — count institutions,
 * places and hazards, never people receiving anything: they are cells of the listed policy
 * (published; a facility is named on its own page anyway).
 */
export function publishInstitutionFigures<F extends Record<string, number | string>>(
  figures: F,
): { [K in keyof F]: Published<F[K]> | null } {
  return publishFigures(decideCounts([{ policy: 'listed', count: 0 }])[0]!, figures);
}

/** Occupied beds of a county, a town or a facility: residents, counted like people (1 to 10 suppressed). */
export interface OccupancyCell {
  /** The county (6 digits), a town (9) or a facility (its town code and id: `370115104#12`). */
  key: string;
  town: string | null;
  beds: number;
  occupiedBeds: number;
}

export interface PublishedOccupancy {
  occupiedBeds: Published<number> | null;
  /** Occupied beds ÷ beds in percent, two decimals; null with the occupied beds (or when there are no beds). */
  occupancy: Published<number> | null;
}

/**
 * Occupancy of a county: the county, its towns and its facilities, decided at once. Occupied beds
 * count residents (many of them 特困 persons in 集中供养), so each figure is a cell of the counted
 * policy; the facilities of a town sum to the town, the towns to the county.
 */
export function publishOccupancy(cells: readonly OccupancyCell[]): PublishedOccupancy[] {
  const county = cells.findIndex((c) => c.key.length === 6);
  const towns = cells.flatMap((c, i) => (c.key.length === 9 ? [i] : []));
  const lines: Line[] = [];
  if (county >= 0 && towns.length > 0) lines.push({ cells: towns, total: county });
  for (const town of towns) {
    const facilities = cells.flatMap((c, i) => (c.key.length > 9 && c.town === cells[town]!.key ? [i] : []));
    if (facilities.length > 0) lines.push({ cells: facilities, total: town });
  }
  const decisions = decideCounts(
    cells.map((c) => ({ policy: 'counted', count: c.occupiedBeds })),
    lines,
  );
  return cells.map((c, i) => {
    const share = c.beds > 0 ? Math.round((c.occupiedBeds / c.beds) * 10_000) / 100 : null;
    const published = publishFigures(decisions[i]!, { occupiedBeds: c.occupiedBeds, occupancy: share ?? 0 });
    return { occupiedBeds: published.occupiedBeds, occupancy: share === null ? null : published.occupancy };
  });
}

/** Home services and 适老化改造 of a county or town in a year (release_elder_service). */
export interface ElderServiceCounts {
  regionCode: string;
  personsServed: number;
  modificationsPlanned: number;
  modificationsInProgress: number;
  modificationsCompleted: number;
  /** The county's eligible population of the year (its target); null for towns. */
  eligiblePersons: number | null;
}

const SERVICE_MEASURES = ['personsServed', 'modificationsPlanned', 'modificationsInProgress', 'modificationsCompleted'] as const;

export type PublishedElderServiceCounts = { [K in (typeof SERVICE_MEASURES)[number] | 'coverage']: Published<number> | null };

/**
 * Persons served at home and households whose home is being modified count people and
 * households: cells of the counted policy, 1 to 10 suppressed. Decide a county and its towns at
 * once (the towns sum to the county, measure by measure), whichever region is asked for.
 */
export function publishElderServiceCounts(rows: readonly ElderServiceCounts[]): PublishedElderServiceCounts[] {
  const measures = SERVICE_MEASURES;
  const at = (row: number, measure: (typeof measures)[number]) => row * measures.length + measures.indexOf(measure);
  const cells: CountCell[] = rows.flatMap((r) => measures.map((m) => ({ policy: 'counted' as const, count: r[m] })));
  const county = rows.findIndex((r) => r.regionCode.length === 6);
  const towns = rows.flatMap((r, i) => (r.regionCode.length === 9 ? [i] : []));
  const lines: Line[] =
    county >= 0 && towns.length > 0 ? measures.map((m) => ({ cells: towns.map((t) => at(t, m)), total: at(county, m) })) : [];
  const decisions = decideCounts(cells, lines);
  return rows.map((r, i) => {
    // coverage = persons served ÷ eligible population, in percent: it goes with persons served
    const coverage = r.eligiblePersons ? Math.round((r.personsServed / r.eligiblePersons) * 10_000) / 100 : null;
    const served = publishFigures(decisions[at(i, 'personsServed')]!, { coverage: coverage ?? 0 });
    return Object.assign(
      { coverage: coverage === null ? null : served.coverage },
      ...measures.map((m) => publishFigures(decisions[at(i, m)]!, { [m]: r[m] })),
    ) as PublishedElderServiceCounts;
  });
}

/**
 * A campaign's figures per town, as published, decided together with the campaign's own (the
 * towns sum to it, figure by figure: each households cell of the towns is a line whose total is
 * the campaign's cell), so that no suppressed town figure is the one unknown of the county's.
 * The county's cells stay as `publishCampaignCounts` publishes them: a line that needs a second
 * suppression takes another town.
 */
export function publishCampaignTownCounts(county: CampaignCounts, towns: readonly CampaignCounts[]): PublishedCampaignCounts[] {
  const decidedBy = [...new Set(PUBLISHED_REVIEW_STATISTICS.map((name) => REVIEW_STATISTICS[name].decidedBy))];
  const rows = [county, ...towns];
  const at = (row: number, cell: number) => row * decidedBy.length + cell;
  const cells: CountCell[] = rows.flatMap((r) => decidedBy.map((cell) => ({ policy: r.policy, count: r[cell] })));
  const lines: Line[] = decidedBy.map((_, cell) => ({ cells: towns.map((_, t) => at(t + 1, cell)), total: at(0, cell) }));
  const decisions = decideCounts(cells, lines);
  return towns.map((town, t) => {
    const verdict = new Map(decidedBy.map((cell, i) => [cell, decisions[at(t + 1, i)]!]));
    return Object.assign(
      {},
      ...PUBLISHED_REVIEW_STATISTICS.map((name) => publishFigures(verdict.get(REVIEW_STATISTICS[name].decidedBy)!, { [name]: town[name] })),
    ) as PublishedCampaignCounts;
  });
}
