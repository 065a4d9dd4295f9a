import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('CutReleaseInput')
export class CutReleaseInput {
  @Field(() => String, { description: 'What this release is, shown with it on the site, e.g. 更正2021年3月低保追回 (1–500 characters).' })
  @MinLength(1)
  @MaxLength(500)
  note!: string;
}
