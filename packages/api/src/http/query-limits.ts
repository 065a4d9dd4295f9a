import { createRequire } from 'node:module';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  BREAK,
  GraphQLError,
  getIntrospectionQuery,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  parse,
  visit,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// The ESM build of graphql-query-complexity imports graphql/index.mjs, a second instance of
// graphql beside the CommonJS one type-graphql and Apollo load ("another realm" errors on input
// types). Its CommonJS build shares the one instance.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof QueryComplexity;

/**
 * The operation limits of one endpoint (docs/security.md, "Limits"). Depth, aliases and directives
 * are GraphQL Armor's validation rules; tokens are graphql-js's own parse limit (Armor's Apollo
 * plugin for it parses every document a second time); the cost is graphql-query-complexity with
 * the list bounds below.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

// ---------------------------------------------------------------------------------------------
// The cost model: every field costs 1; a list costs its items times the most rows it can hold.

/** Largest page a connection serves (`first`; INVALID_PAGE_SIZE above it), assumed when `first` is left out. */
export const MAX_PAGE_SIZE = 100;

/**
 * Bounds of the data. Regions and programs are read from the database when the API starts and
 * every 10 minutes after (`createDataBounds`): the number of counties held, the most towns or
 * villages of a county, the most children of a region, the programs of the catalog. The values
 * here are used until then, and for what is not read: they come from the program catalog
 * (migration 0003: 19 programs, 6 listed in the 幸福清单) and packages/domain/data/regions.csv
 * (the largest county there has 1,038 villages and 19 towns, the largest town 130 villages), with
 * room for counties imported later. A bound the data exceeds only makes an estimate low: the
 * answer-size and time caps still hold (http/operation-caps.ts).
 */
export const DATA_BOUNDS = {
  /** Programs of the catalog (19). */
  programs: 20,
  /** Programs listed per household in the 幸福清单 (6). */
  listedPrograms: 6,
  /** Counties the platform holds (a province has at most ~180). */
  counties: 200,
  /** Towns of a county (19 in regions.csv). */
  townsPerCounty: 60,
  /** Villages of a county (1,038 in regions.csv). */
  villagesPerCounty: 1_500,
  /** Regions one level down of any region: villages of a town (130), towns of a county, counties of a city. */
  children: 150,
  /** Released months of one county (ten years). */
  releasedMonthsPerCounty: 120,
  /** Releases (one a month for forty years, corrections included). */
  releases: 1_000,
  /** Members of a household (MAX_HOUSEHOLD_MEMBERS). */
  householdMembers: 20,
  /** Enrollments or applications of one household over its history. */
  perHousehold: 20,
  /** Lifecycle events or objections of one application. */
  perApplication: 20,
  /** Income items of one application (VerifyApplicationInput takes at most 100). */
  incomes: 100,
  /** Payments shown under an enrollment (the 12 most recent). */
  enrollmentPayments: 12,
  /** Re-review campaigns of a county. */
  reviewCampaigns: 50,
  /** Standards of a county: program × area × tier × every change over the years. */
  standards: 2_000,
};

export type DataBounds = typeof DATA_BOUNDS;

type Args = Record<string, unknown>;
/** The most items a list field can return, given its arguments and the bounds of the data. */
export type ListBound = (args: Args, bounds: DataBounds) => number;

const PERIODS: Record<string, number> = { month: 12, quarter: 4, year: 1 };
const periods = (args: Args) => PERIODS[String(args['periodKind'])] ?? 12;
const programs = (args: Args, b: DataBounds) => (args['programCode'] ? 1 : b.programs);
const regionsAtLevel = (level: unknown, b: DataBounds) =>
  level === 'county' ? 1 : level === 'town' ? b.townsPerCounty : b.villagesPerCounty;
const fixed =
  (key: keyof DataBounds): ListBound =>
  (_args, b) =>
    b[key];

/**
 * The most items of every list field that takes no page size, keyed `Type.field`, in both schemas
 * (a connection's `edges` hold the page its field asked for, counted there). A list field missing
 * here is counted as UNDECLARED_LIST_BOUND items; `unboundedListFields` names them, and a test
 * fails on any.
 */
export const LIST_BOUNDS: Readonly<Record<string, ListBound>> = {
  // public: figures of a release, one year at a time
  'Query.aggregates': (a, b) => programs(a, b) * periods(a),
  'Query.childAggregates': (a, b) => b.children * programs(a, b) * periods(a),
  'Query.countyAggregates': (a, b) => regionsAtLevel(a['level'], b) * programs(a, b) * periods(a),
  'Query.applicationStatistics': fixed('programs'),
  // the county and each town, by program; each campaign by town
  'Query.coverage': (_a, b) => (1 + b.townsPerCounty) * b.programs,
  'Query.reviewCampaignTowns': (_a, b) => b.reviewCampaigns * b.townsPerCounty,
  // a county-year's data-driven assistance: cross-check rules (6) × outcomes (4), and per program
  // 政策找人 (applied, enrolled) and fast approvals (秒批, 先行救助)
  'Query.assistanceFigures': (_a, b) => 6 * 4 + 4 * b.programs,
  // per program its channels (4) and its decisions (approved, rejected); referrals: departments (5) × outcomes (3)
  'Query.applicationChannels': fixed('programs'),
  'ProgramChannels.channels': () => 4,
  'Query.decisionTimes': (_a, b) => 2 * b.programs,
  'Query.referralFigures': () => 5 * 3,
  'ListedHousehold.programs': fixed('listedPrograms'),
  'Query.releases': fixed('releases'),
  'Query.releasedMonths': (a, b) => (a['countyCode'] ? 1 : b.counties) * b.releasedMonthsPerCounty,
  // a release's changes: every county month it adds or corrects, by program (a year of months per county)
  'Query.releaseChanges': (_a, b) => b.counties * b.programs * 12,
  // both schemas
  'Query.counties': fixed('counties'),
  'Region.children': fixed('children'),
  'Query.programs': fixed('programs'),
  'Query.reviewCampaigns': fixed('reviewCampaigns'),
  'Query.standards': (a, b) => (a['programCode'] ? Math.ceil(b.standards / 10) : b.standards),
  // internal: a release just cut, each county it holds
  'CutReleasePayload.counties': fixed('counties'),
  // internal: a household and its case file
  'Household.members': fixed('householdMembers'),
  'Household.enrollments': fixed('perHousehold'),
  'Household.applications': fixed('perHousehold'),
  'Enrollment.payments': fixed('enrollmentPayments'),
  'Application.events': fixed('perApplication'),
  'Application.objections': fixed('perApplication'),
  'Application.incomes': fixed('incomes'),
  // one line per program and town of the region
  'Query.monthlyChanges': (a, b) => programs(a, b) * b.townsPerCounty,
  // a ledger import names its first 20 errors (the report holds them all)
  'ImportLedgerPayload.errors': () => 20,
  // a county's batches: one per program and month (all months when none is named)
  'Query.payrollBatches': (a, b) => b.programs * (a['month'] ? 1 : b.releasedMonthsPerCounty),
  // internal: elder care, the most recent rows of a facility's lists (eldercare.read-model.ts RECENT)
  'ElderFacility.capacityRecords': () => 24,
  'ElderFacility.openHazards': () => 50,
  'ElderFacility.inspections': () => 10,
  'ElderFacility.activity': () => 24,
  'ElderInspection.checklist': () => 6,
  'ElderInspection.hazards': () => 50,
  'ElderHazard.followUps': () => 10,
  'HomeServiceCoverage.byKind': () => 6,
  // public: elder care (public/elder-care.resolver.ts): one line per kind, star, quarter or hazard category
  'Query.elderCareTowns': fixed('townsPerCounty'),
  'PublicElderCare.byKind': () => 8,
  'PublicElderCare.starRatings': () => 5,
  'PublicElderCare.inspectionQuarters': () => 4,
  'PublicElderCare.hazards': () => 6,
  'PublicInspectionQuarter.hazards': () => 6,
  'PublicElderFacility.inspections': () => 20,
  'PublicInspection.categories': () => 6,
  // a load report lists at most MAX_REPORTED_PROBLEMS rows; a run applies each rule once
  'FeedLoadReport.problems': () => 1_000,
  'CrossCheckRun.rules': () => 20,
  'FeedReport.members': fixed('householdMembers'),
  'Household.referrals': fixed('perHousehold'),
};

/** What the database holds now: regions by level and the program catalog. */
const HELD_BOUNDS_SQL = `
  select (select count(*) from region where level = 'county')::int as counties,
         (select coalesce(max(n), 0) from (select count(*) as n from region where level = 'town' group by left(code, 6)) t)::int as towns,
         (select coalesce(max(n), 0) from (select count(*) as n from region where level = 'village' group by left(code, 6)) t)::int as villages,
         (select coalesce(max(n), 0) from (select count(*) as n from region where parent_code is not null group by parent_code) t)::int as children,
         (select count(*) from program)::int as programs,
         (select count(*) from program where disclosure = 'listed')::int as listed`;

/** How often the bounds read from the database are read again (regions can be imported while the API runs). */
export const DATA_BOUNDS_REFRESH_MS = 10 * 60 * 1000;

/**
 * The bounds of the data as the database holds them, read again in the background every
 * DATA_BOUNDS_REFRESH_MS (on the first cost check after that time). A failed read keeps the
 * bounds it had.
 */
export function createDataBounds(
  execute?: (
    sql: string,
  ) => Promise<{ counties: number; towns: number; villages: number; children: number; programs: number; listed: number }[]>,
) {
  let bounds: DataBounds = { ...DATA_BOUNDS };
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  const read = (): Promise<void> => {
    if (!execute) return Promise.resolve();
    readAt = performance.now();
    reading ??= execute(HELD_BOUNDS_SQL)
      .then(([row]) => {
        if (!row) return;
        const at = (value: number) => Math.max(1, value);
        bounds = {
          ...bounds,
          counties: at(row.counties),
          townsPerCounty: at(row.towns),
          villagesPerCounty: at(row.villages),
          children: at(row.children),
          programs: at(row.programs),
          listedPrograms: at(row.listed),
        };
      })
      .catch(() => undefined)
      .finally(() => (reading = undefined));
    return reading;
  };
  return {
    /** The first read (the API awaits it before it listens). */
    ready: read,
    current: (): DataBounds => {
      if (performance.now() - readAt > DATA_BOUNDS_REFRESH_MS) void read();
      return bounds;
    },
  };
}

export type DataBoundsSource = ReturnType<typeof createDataBounds>;

/** Items assumed for a list field without a declared bound (none in the shipped schemas). */
export const UNDECLARED_LIST_BOUND = 100;

const isConnectionEdges = (typeName: string, fieldName: string) => fieldName === 'edges' && typeName.endsWith('Connection');
const takesPageSize = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => arg.name === 'first');
const isList = (field: GraphQLField<unknown, unknown>) => isListType(getNullableType(field.type));

/** List fields of a schema that take no page size and have no declared bound (`Type.field`). */
export function unboundedListFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (isList(field) && !takesPageSize(field) && !isConnectionEdges(type.name, field.name) && !(key in LIST_BOUNDS)) missing.push(key);
    }
  }
  return missing;
}

/** Introspection lists, bounded by what the schema holds (types, fields per type, …). */
function introspectionBounds(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const max = (values: number[]) => Math.max(1, ...values);
  const fieldsOf = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? [Object.values(t.getFields())] : []));
  const args = max([...fieldsOf.flat().map((f) => f.args.length), ...schema.getDirectives().map((d) => d.args.length)]);
  return {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': max(fieldsOf.map((f) => f.length)),
    '__Type.inputFields': max(types.map((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0))),
    '__Type.enumValues': max(types.map((t) => (isEnumType(t) ? t.getValues().length : 0))),
    '__Type.interfaces': max(types.map((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))),
    '__Type.possibleTypes': max(types.map((t) => (isUnionType(t) || isInterfaceType(t) ? schema.getPossibleTypes(t).length : 0))),
    '__Field.args': args,
    '__Directive.args': args,
    '__Directive.locations': 19,
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The two estimates of an operation: its data (introspection left out) and its introspection,
 * which has an allowance of its own: a full introspection (what GraphiQL and code generators send)
 * is always allowed, and nothing much beyond it, since `fields { type { fields … } }` multiplies.
 */
function estimators(schema: GraphQLSchema, dataBounds: () => DataBounds) {
  const introspection = introspectionBounds(schema);
  const cost = (bound: number, childComplexity: number) => 1 + childComplexity * bound;
  const dataCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    if (INTROSPECTION_ROOTS.has(field.name)) return 0;
    if (takesPageSize(field)) return cost(Math.max(1, typeof args['first'] === 'number' ? args['first'] : MAX_PAGE_SIZE), childComplexity);
    if (!isList(field)) return cost(1, childComplexity);
    if (isConnectionEdges(type.name, field.name)) return cost(1, childComplexity);
    const bound = LIST_BOUNDS[`${type.name}.${field.name}`];
    return cost(bound ? bound(args, dataBounds()) : UNDECLARED_LIST_BOUND, childComplexity);
  };
  const introspectionCost: ComplexityEstimator = ({ type, field, childComplexity }) => {
    if (!type.name.startsWith('__') && !INTROSPECTION_ROOTS.has(field.name)) return 0;
    return cost(isList(field) ? (introspection[`${type.name}.${field.name}`] ?? UNDECLARED_LIST_BOUND) : 1, childComplexity);
  };
  return { dataCost, introspectionCost };
}

/** Selections evaluated at most while costing (fragments are expanded at every spread). */
const MAX_COSTED_NODES = 20_000;

const hasIntrospection = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field: (node) => {
      if (INTROSPECTION_ROOTS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
};

/** Costs an operation; throws QUERY_TOO_COMPLEX, returns quietly when variables do not fit (execution refuses them). */
export function createCostCheck(maxCost: number, dataBounds: () => DataBounds = () => DATA_BOUNDS) {
  const bySchema = new WeakMap<GraphQLSchema, ReturnType<typeof estimators> & { allowance: number }>();
  const modelOf = (schema: GraphQLSchema) => {
    let model = bySchema.get(schema);
    if (!model) {
      const e = estimators(schema, dataBounds);
      const full = parse(
        getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
          oneOf: true,
        }),
      );
      const allowance = 2 * getComplexity({ schema, query: full, estimators: [e.introspectionCost], maxQueryNodes: Infinity });
      bySchema.set(schema, (model = { ...e, allowance }));
    }
    return model;
  };
  const refuse = (message: string, extensions: Record<string, unknown>) =>
    new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });

  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number => {
    const model = modelOf(schema);
    const costOf = (estimator: ComplexityEstimator) => {
      try {
        return getComplexity({
          schema,
          query: document,
          variables,
          ...(operationName ? { operationName } : {}),
          estimators: [estimator],
          maxQueryNodes: MAX_COSTED_NODES,
        });
      } catch (error) {
        if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
          throw refuse(
            `This operation expands to more than ${MAX_COSTED_NODES} selections (fragments count at every spread): ask for fewer fields.`,
            { maxNodes: MAX_COSTED_NODES },
          );
        }
        // Variables that do not fit their definitions cannot be costed; execution refuses them
        // before any field runs, as the client's error (BAD_USER_INPUT).
        if (error instanceof GraphQLError) return 0;
        throw error;
      }
    };
    const cost = costOf(model.dataCost);
    if (cost > maxCost) {
      throw refuse(
        `This operation costs ${cost}, above the limit of ${maxCost}: every field counts 1, a list the rows it can hold (its page size, first, or its bound: a county's villages × programs × months). Ask for smaller pages, one level, period or program (programCode), or fewer aliases.`,
        { cost, maxCost },
      );
    }
    if (hasIntrospection(document)) {
      const introspection = costOf(model.introspectionCost);
      if (introspection > model.allowance) {
        throw refuse(
          `This operation's introspection costs ${introspection}, above the ${model.allowance} a full introspection may cost: ask for the schema once (GraphiQL's query), not nested.`,
          { cost: introspection, maxCost: model.allowance },
        );
      }
    }
    return cost;
  };
}

/** The cost limit, computed with the operation's variables once it is resolved (QUERY_TOO_COMPLEX, HTTP 400). */
export function costLimitPlugin<T extends object>(maxCost: number, dataBounds?: DataBoundsSource): ApolloServerPlugin<T> {
  const check = createCostCheck(maxCost, dataBounds?.current);
  return {
    // the bounds of the data are read before the first request is served
    serverWillStart: async () => {
      await dataBounds?.ready();
    },
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          check(schema, document, request.variables ?? {}, request.operationName ?? undefined);
          return Promise.resolve();
        },
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Depth, aliases and directives: GraphQL Armor's rules, reporting as validation errors.

type ArmorRule = (options: {
  n: number;
  exposeLimits: boolean;
  propagateOnRejection: boolean;
  onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
  ignoreIntrospection?: boolean;
  flattenFragments?: boolean;
}) => (context: ValidationContext) => unknown;

/**
 * One of Armor's rules, its refusal reported to the validation context (Apollo answers it 400
 * GRAPHQL_VALIDATION_FAILED, `extensions.limit` naming the limit) rather than thrown (a 500).
 * Armor's message ("Syntax Error: … limit of N exceeded, found M.") is rewritten in our words.
 */
function armorRule(rule: ArmorRule, limit: string, n: number, message: (found: number) => string, extra = {}): ValidationRule {
  return rule({
    n,
    exposeLimits: true,
    propagateOnRejection: false,
    ...extra,
    onReject: [
      (context, error) => {
        const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
        context?.reportError(new GraphQLError(message(found), { extensions: { limit, max: n, found } }));
      },
    ],
  }) as ValidationRule;
}

/**
 * The validation rules of an endpoint. Armor's depth rule follows each fragment once (a fragment
 * cycle ends there, and graphql-js's NoFragmentCyclesRule reports it), counts fields only
 * (fragments add no level) and leaves `__schema` out (introspection has its own cost allowance).
 */
export function limitRules(limits: Pick<OperationLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  return [
    armorRule(
      maxDepthRule,
      'MAX_DEPTH',
      limits.maxDepth,
      (found) =>
        `This operation is ${found} levels deep, which exceeds maximum operation depth of ${limits.maxDepth}: ask for fewer nested levels.`,
      { ignoreIntrospection: true, flattenFragments: true },
    ),
    armorRule(
      maxAliasesRule,
      'MAX_ALIASES',
      limits.maxAliases,
      (found) => `This operation uses ${found} aliases, above the limit of ${limits.maxAliases}: send fewer fields per request.`,
    ),
    armorRule(
      maxDirectivesRule,
      'MAX_DIRECTIVES',
      limits.maxDirectives,
      (found) => `This operation uses ${found} directives, above the limit of ${limits.maxDirectives}.`,
    ),
  ];
}

/** Parsing stops after maxTokens tokens (GRAPHQL_PARSE_FAILED, HTTP 400): 20,000 aliases are never parsed whole. */
export function limitParseOptions(limits: Pick<OperationLimits, 'maxTokens'>): ParseOptions {
  return { maxTokens: limits.maxTokens };
}
