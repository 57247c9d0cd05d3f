import type { EntityManager } from '@mikro-orm/core';
import { AttachmentBlob } from './attachment.entity';

/**
 * Where attachment bytes live. The joint database by default (SQLite file or
 * PostgreSQL `bytea`); an S3-compatible object store can implement the same
 * three calls for production. The store is never trusted: every file's
 * SHA-256 is kept with its row and in the audit log, and `auditChain` checks
 * the stored bytes against both.
 */
export interface AttachmentStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** Null when the store has no such key. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** Opens a store on an EntityManager, so the database store writes inside the upload's own transaction. */
export type AttachmentStores = (em: EntityManager) => AttachmentStore;

/** The default: a table of the joint database. */
export class DatabaseAttachmentStore implements AttachmentStore {
  constructor(private readonly manager: EntityManager) {}

  private em(): EntityManager {
    return this.manager;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const em = this.em();
    em.persist(em.create(AttachmentBlob, { key, bytes }));
    await em.flush();
  }

  async get(key: string): Promise<Buffer | null> {
    const row = await this.em().findOne(AttachmentBlob, { key }, { disableIdentityMap: true });
    return row ? Buffer.from(row.bytes) : null;
  }

  async delete(key: string): Promise<void> {
    await this.em().nativeDelete(AttachmentBlob, { key });
  }
}

export const databaseAttachmentStores: AttachmentStores = (em) => new DatabaseAttachmentStore(em);
