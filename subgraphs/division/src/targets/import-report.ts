import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One refused row of an import' })
export class ImportRowError {
  @Field(() => Int, { description: '1-based row number, as in the spreadsheet' })
  row!: number;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'The outcome of an all-or-nothing import' })
export class ImportReport {
  @Field(() => Int, { description: 'Rows saved (0 when any row was refused)' })
  accepted!: number;

  @Field(() => Int, { description: 'Rows refused' })
  rejected!: number;

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];

  @Field(() => [ImportRowError], { description: 'Saved rows worth a look, e.g. an inspector whose 执法证 has expired (empty when any row was refused)' })
  warnings!: ImportRowError[];

  @Field(() => Int, { description: 'Of the accepted rows: new entries' })
  created!: number;

  @Field(() => Int, { description: 'Of the accepted rows: entries that changed' })
  updated!: number;

  @Field(() => Int, { description: 'Of the accepted rows: entries already exactly so' })
  unchanged!: number;
}
