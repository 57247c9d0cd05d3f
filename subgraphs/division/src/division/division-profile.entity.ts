import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Which division this database belongs to; checked at start so an instance never serves another division's data. */
@Entity({ tableName: 'division_profile' })
export class DivisionProfile {
  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 32 })
  createdAt!: string;
}
