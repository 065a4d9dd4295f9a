import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ApplicationResolver } from '../application/application.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import {
  ElderFacilityResolver,
  ElderHazardResolver,
  ElderInspectionResolver,
  FacilityCapacityResolver,
  HomeModificationResolver,
  HomeServiceResolver,
} from '../eldercare/eldercare.resolver.js';
import { CrossCheckResolver } from '../cross-check/cross-check.resolver.js';
import { FastTrackResolver } from '../fast-track/fast-track.resolver.js';
import { FeedResolver } from '../feeds/feeds.resolver.js';
import { OutreachResolver } from '../outreach/outreach.resolver.js';
import { ReferralResolver } from '../referral/referral.resolver.js';
import { HouseholdResolver } from '../household/household.resolver.js';
import { ImportResolver } from '../import/import.resolver.js';
import { ReleaseResolver } from '../release/release.resolver.js';
import { ReportResolver } from '../report/report.resolver.js';
import { EnrollmentResolver, PaymentResolver, PayrollResolver } from '../payroll/payroll.resolver.js';
import { ProgramResolver, StandardResolver } from '../program/program.resolver.js';
import { PublicAssistanceResolver } from '../public/assistance.resolver.js';
import { PublicElderCareResolver } from '../public/elder-care.resolver.js';
import { PublicResolver } from '../public/public.resolver.js';
import { RegionResolver } from '../region/region.resolver.js';
import { ReviewCampaignResolver, ReviewTaskResolver } from '../review/review.resolver.js';

/** Resolvers of the internal schema (/graphql): authenticated case work. */
export const internalResolvers = [
  RegionResolver,
  ProgramResolver,
  StandardResolver,
  HouseholdResolver,
  ApplicationResolver,
  EnrollmentResolver,
  PaymentResolver,
  PayrollResolver,
  ReviewCampaignResolver,
  ReviewTaskResolver,
  ElderFacilityResolver,
  FacilityCapacityResolver,
  ElderInspectionResolver,
  ElderHazardResolver,
  HomeServiceResolver,
  HomeModificationResolver,
  AuditResolver,
  FeedResolver,
  CrossCheckResolver,
  FastTrackResolver,
  OutreachResolver,
  ReferralResolver,
  ImportResolver,
  ReleaseResolver,
  ReportResolver,
] as const;

/**
 * Resolvers of the public schema (/public/graphql). A schema of its own: only types that carry
 * no personal data may be reachable from these resolvers.
 */
export const publicResolvers = [RegionResolver, PublicResolver, PublicElderCareResolver, PublicAssistanceResolver] as const;

const SCALARS = [{ type: Date, scalar: GraphQLDateTimeISO }] as { type: new (...args: never[]) => unknown; scalar: GraphQLScalarType }[];

export function buildInternalSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...internalResolvers], validate: true, scalarsMap: SCALARS });
}

export function buildPublicSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...publicResolvers], validate: true, scalarsMap: SCALARS });
}

/** The SDL committed under schema/: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
