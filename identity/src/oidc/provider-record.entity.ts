import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What the OpenID Connect provider keeps between requests — sessions, interactions,
 * grants, authorization codes, refresh tokens — one row per artifact, so a
 * restart or a second replica keeps everyone signed in. Access tokens are JWTs
 * and are not stored.
 */
@Entity({ tableName: 'provider_record' })
@Index({ properties: ['grantId'] })
@Index({ properties: ['uid'] })
@Index({ properties: ['expiresAt'] })
export class ProviderRecord {
  /** The provider's model: Session, Interaction, Grant, AuthorizationCode, RefreshToken … */
  @PrimaryKey({ type: 'string', length: 64 })
  model!: string;

  @PrimaryKey({ type: 'string', length: 128 })
  id!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'string', length: 128, nullable: true })
  grantId: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  uid: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  userCode: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  consumedAt: Date | null = null;
}
