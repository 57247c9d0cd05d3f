import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { StringListType } from '../../../../common/string-list.type';

/** A year's official holidays and make-up working days (调休), loaded by an administrator. */
@Entity({ tableName: 'calendar_year' })
export class CalendarYearRow {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: StringListType })
  holidays!: string[];

  @Property({ type: StringListType })
  workdays!: string[];

  @Property({ type: 'string', length: 200 })
  loadedBy!: string;

  @Property({ type: 'string', length: 32 })
  loadedAt!: string;
}
