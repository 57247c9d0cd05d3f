import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { publicCacheHint } from '../../../../common/cache-hints';

/**
 * 警种部门 — a police division: its item list and its two directories live in its own instance.
 * Its code and name are public and change a few times a year: cacheable. Its fields that return
 * other types (directories, plan, audit) carry those types' hints, none by default: never cached.
 */
@Directive('@key(fields: "code")')
@Directive(publicCacheHint())
@ObjectType({ description: '警种部门 — a police division with its item list (一单) and two directories (两库)' })
export class Division {
  @Field(() => ID, { description: 'Division code, e.g. ZA' })
  code!: string;

  @Field({ description: 'e.g. 治安管理支队' })
  name!: string;
}
