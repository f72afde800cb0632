import { randomUUID } from 'node:crypto';
import type { Db } from '../store/openDatabase.ts';
import type { KeyProtection } from './identities/keyVault.ts';

/** Whose identity: a user's id, or the organisation's (the văn thư's seal signature). */
export type IdentityOwner = string | 'organization';
export const ORGANIZATION: IdentityOwner = 'organization';

export interface StoredIdentity {
  id: string;
  owner: IdentityOwner;
  kind: 'pkcs11' | 'pkcs12' | 'trial';
  label: string;
  certificate: Buffer;
  chain: Buffer[];
  token: { library: string; serial: string; label: string; certificateId: string } | null;
  sealedKey: Buffer | null;
  keyProtection: KeyProtection | null;
  createdAt: string;
}

interface Row {
  id: string;
  user_id: string | null;
  kind: StoredIdentity['kind'];
  label: string;
  certificate: Buffer;
  chain_json: string;
  pkcs11_library: string | null;
  pkcs11_token_serial: string | null;
  pkcs11_token_label: string | null;
  pkcs11_certificate_id: string | null;
  sealed_key: Buffer | null;
  key_protection: KeyProtection | null;
  created_at: string;
}

const fromRow = (r: Row): StoredIdentity => ({
  id: r.id,
  owner: r.user_id ?? ORGANIZATION,
  kind: r.kind,
  label: r.label,
  certificate: r.certificate,
  chain: (JSON.parse(r.chain_json) as string[]).map((b) => Buffer.from(b, 'base64')),
  token:
    r.kind === 'pkcs11'
      ? {
          library: r.pkcs11_library!,
          serial: r.pkcs11_token_serial!,
          label: r.pkcs11_token_label ?? '',
          certificateId: r.pkcs11_certificate_id!,
        }
      : null,
  sealedKey: r.sealed_key,
  keyProtection: r.key_protection,
  createdAt: r.created_at,
});

const ownerClause = (owner: IdentityOwner) =>
  owner === ORGANIZATION ? { sql: 'for_organization = 1', args: [] } : { sql: 'user_id = ?', args: [owner] };

/** Identities, signature and seal images and trusted roots: the rows of migration 0004. */
export function createSigningRepository(db: Db, clock: () => Date) {
  return {
    identity(owner: IdentityOwner): StoredIdentity | null {
      const w = ownerClause(owner);
      const r = db.prepare(`SELECT * FROM signing_identities WHERE ${w.sql}`).get(...w.args) as
        Row | undefined;
      return r ? fromRow(r) : null;
    },
    /** Replaces the owner's identity (one per owner); call inside the transaction with its audit entry. */
    setIdentity(owner: IdentityOwner, actor: string, id: Omit<StoredIdentity, 'id' | 'owner' | 'createdAt'>) {
      const w = ownerClause(owner);
      db.prepare(`DELETE FROM signing_identities WHERE ${w.sql}`).run(...w.args);
      db.prepare(
        `INSERT INTO signing_identities (id, user_id, for_organization, kind, label, certificate, chain_json,
           pkcs11_library, pkcs11_token_serial, pkcs11_token_label, pkcs11_certificate_id, sealed_key,
           key_protection, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        randomUUID(),
        owner === ORGANIZATION ? null : owner,
        owner === ORGANIZATION ? 1 : 0,
        id.kind,
        id.label,
        id.certificate,
        JSON.stringify(id.chain.map((c) => c.toString('base64'))),
        id.token?.library ?? null,
        id.token?.serial ?? null,
        id.token?.label ?? null,
        id.token?.certificateId ?? null,
        id.sealedKey,
        id.keyProtection,
        clock().toISOString(),
        actor,
      );
    },
    removeIdentity(owner: IdentityOwner): boolean {
      const w = ownerClause(owner);
      return db.prepare(`DELETE FROM signing_identities WHERE ${w.sql}`).run(...w.args).changes > 0;
    },

    signatureImage(userId: string): { png: Buffer; width: number; height: number } | null {
      return (
        (db.prepare('SELECT png, width, height FROM signature_images WHERE user_id = ?').get(userId) as
          { png: Buffer; width: number; height: number } | undefined) ?? null
      );
    },
    setSignatureImage(userId: string, png: Buffer, width: number, height: number) {
      db.prepare(
        `INSERT INTO signature_images (user_id, png, width, height, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(user_id) DO UPDATE SET png = excluded.png, width = excluded.width,
           height = excluded.height, updated_at = excluded.updated_at`,
      ).run(userId, png, width, height, clock().toISOString());
    },

    seal(): { png: Buffer; width: number; height: number; diameterMm: number } | null {
      const r = db
        .prepare('SELECT png, width, height, diameter_mm FROM organization_seal WHERE id = 1')
        .get() as { png: Buffer; width: number; height: number; diameter_mm: number } | undefined;
      return r ? { png: r.png, width: r.width, height: r.height, diameterMm: r.diameter_mm } : null;
    },
    setSeal(png: Buffer, width: number, height: number, diameterMm: number, actor: string) {
      db.prepare(
        `INSERT INTO organization_seal (id, png, width, height, diameter_mm, updated_at, updated_by)
         VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET png = excluded.png, width = excluded.width, height = excluded.height,
           diameter_mm = excluded.diameter_mm, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(png, width, height, diameterMm, clock().toISOString(), actor);
    },

    trustedRoots(): { sha256: string; der: Buffer; subject: string; notAfter: string; addedAt: string }[] {
      return (
        db
          .prepare('SELECT sha256, der, subject, not_after, added_at FROM trusted_roots ORDER BY added_at')
          .all() as {
          sha256: string;
          der: Buffer;
          subject: string;
          not_after: string;
          added_at: string;
        }[]
      ).map((r) => ({
        sha256: r.sha256,
        der: r.der,
        subject: r.subject,
        notAfter: r.not_after,
        addedAt: r.added_at,
      }));
    },
    addTrustedRoot(sha256: string, der: Buffer, subject: string, notAfter: string, actor: string): boolean {
      return (
        db
          .prepare(
            `INSERT INTO trusted_roots (sha256, der, subject, not_after, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(sha256) DO NOTHING`,
          )
          .run(sha256, der, subject, notAfter, clock().toISOString(), actor).changes > 0
      );
    },
    removeTrustedRoot(sha256: string): boolean {
      return db.prepare('DELETE FROM trusted_roots WHERE sha256 = ?').run(sha256).changes > 0;
    },
  };
}
export type SigningRepository = ReturnType<typeof createSigningRepository>;
