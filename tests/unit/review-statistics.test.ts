import { buildInternalSchema, buildPublicSchema } from '@xingfu/api';
import { PUBLISHED_REVIEW_STATISTICS, REVIEW_STATISTIC_NAMES, REVIEW_STATISTICS, reviewStatisticsSql } from '@xingfu/domain';
import type { GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * The re-review statistics are declared once (domain/src/review/review-statistics.ts): the live
 * query, the frozen columns and both schemas' types follow that table, so a figure added there
 * appears everywhere.
 */
const fieldsOf = (schema: GraphQLSchema, type: string): string[] => {
  // the API's own graphql builds the schema: check its shape, not its class
  const object = schema.getType(type);
  if (!object || !('getFields' in object)) throw new Error(`no type ${type}`);
  return Object.keys(object.getFields());
};

describe('re-review statistics, declared once', () => {
  it('are the fields of the internal ReviewStatistics type', async () => {
    expect(fieldsOf(await buildInternalSchema(), 'ReviewStatistics').sort()).toEqual([...REVIEW_STATISTIC_NAMES].sort());
  });

  it('published, are the figures of the public PublicReviewCampaign type beside its name and period', async () => {
    expect(fieldsOf(await buildPublicSchema(), 'PublicReviewCampaign').sort()).toEqual(
      ['id', 'name', 'periodStart', 'periodEnd', ...PUBLISHED_REVIEW_STATISTICS].sort(),
    );
    expect(PUBLISHED_REVIEW_STATISTICS).not.toContain('continuedHouseholds');
  });

  it('are each selected by the statistics query, as counted', () => {
    const sql = reviewStatisticsSql('true');
    for (const name of REVIEW_STATISTIC_NAMES) expect(sql).toContain(`(${REVIEW_STATISTICS[name].sql})::int as "${name}"`);
  });
});
