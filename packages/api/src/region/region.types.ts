import { RegionLevel } from '@xingfu/domain';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Administrative level: province, city (地级市), county (县/区), town (镇/街道), village (村/社区).',
});

@ObjectType('Region', { description: 'An administrative region with its real code (GB/T 2260 and the statistics bureau codes).' })
export class RegionType {
  @Field(() => ID, { description: 'Code: 2 digits for a province, 4 a city, 6 a county, 9 a town, 12 a village.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;
}
