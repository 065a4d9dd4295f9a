import type { Published } from '@xingfu/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { NotACount, SuppressedFigure } from './public-figure.js';

type Figure = Published<number> | null;

@ObjectType('ChannelApplications', { description: 'The applications of a program made in a year through one channel.' })
export class ChannelApplicationsType {
  @Field(() => String, { description: 'county_centre (县社会大救助中心), town_station (镇街), grid_worker (网格员代办) or app.' })
  channel!: string;
  @SuppressedFigure(() => Int, 'Applications made through the channel; 1 to 10 suppressed, and a second channel with one alone.')
  applications!: Figure;
  @SuppressedFigure(() => Float, 'Share of the program’s applications, in percent (two decimals); null unless both are published.')
  percent!: Figure;
}

@ObjectType('ProgramChannels', {
  description:
    'The applications of a program made in a county and year, by channel, and the share approved the moment they were made (秒批). Applications take the program’s policy and the suppression of the application statistics (their `received`); 秒批 approvals are counted (1 to 10 suppressed).',
})
export class ProgramChannelsType {
  @Field(() => String) programCode!: string;
  @NotACount() year!: number;
  @SuppressedFigure(() => Int, 'Every application made in the year: the county’s `received` of applicationStatistics.')
  applications!: Figure;
  @SuppressedFigure(() => Int, 'Of them, approved by 秒批 in the request that made them (no 公示).') instant!: Figure;
  @SuppressedFigure(() => Float, '秒批 share: instant ÷ applications in percent (two decimals); null unless both are published.')
  instantPercent!: Figure;
  @Field(() => [ChannelApplicationsType], { description: 'One line per channel with applications.' })
  channels!: ChannelApplicationsType[];
}

@ObjectType('DecisionTime', {
  description:
    'The median of the days from application to decision of the applications of a program decided in a county and year one way (approved or rejected); 秒批 counts 0. Null when 1 to 10 applications were decided so (programs counted only).',
})
export class DecisionTimeType {
  @Field(() => String) programCode!: string;
  @Field(() => String, { description: 'approved or rejected' }) decision!: string;
  @NotACount() year!: number;
  @SuppressedFigure(() => Float, 'Median days, one decimal (a half day when the number of cases is even).') medianDays!: Figure;
}

@ObjectType('ReferralFigure', {
  description:
    '社会大救助 referrals made in a county and year to a department (medical_insurance 医保, education 教育, human_resources 人社, housing 住建, disability_federation 残联) by the department’s outcome: granted, refused, or pending (not answered when the release was cut). Numbers of 1 to 10 are suppressed (null), with their amount.',
})
export class ReferralFigureType {
  @Field(() => String) department!: string;
  @Field(() => String, { description: 'granted, refused or pending' }) outcome!: string;
  @NotACount() year!: number;
  @SuppressedFigure() cases!: Figure;
  @SuppressedFigure(() => MoneyScalar, 'What the department granted; null with the cases.') amount!: Figure;
}
