import type { Migration } from './index.ts';

export const m0006Signing: Migration = {
  version: 6,
  name: 'signing identities, signature and seal images, trusted roots',
  // One signing identity per user and one for the organisation (the văn thư's seal signature).
  // A token identity names the token (library path, serial) and the certificate's CKA_ID, and keeps
  // a copy of the certificate to show and check; a .p12 or trial identity keeps its private key
  // only sealed (identities/keyVault.ts): the CHECK refuses a key row without a protection, and a
  // passphrase-only key must start with the sealed format's magic, so a plain PKCS#8 DER (0x30…)
  // cannot be stored by mistake.
  sql: `
    CREATE TABLE signing_identities (
      id TEXT PRIMARY KEY,
      user_id TEXT UNIQUE REFERENCES users(id),
      for_organization INTEGER NOT NULL DEFAULT 0 CHECK (for_organization IN (0, 1)),
      kind TEXT NOT NULL CHECK (kind IN ('pkcs11', 'pkcs12', 'trial')),
      label TEXT NOT NULL,
      certificate BLOB NOT NULL,
      chain_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(chain_json)),
      pkcs11_library TEXT,
      pkcs11_token_serial TEXT,
      pkcs11_token_label TEXT,
      pkcs11_certificate_id TEXT,
      sealed_key BLOB,
      key_protection TEXT CHECK (key_protection IN ('passphrase', 'passphrase+os')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      CHECK ((user_id IS NULL) = (for_organization = 1)),
      CHECK ((kind = 'pkcs11') = (pkcs11_library IS NOT NULL AND pkcs11_token_serial IS NOT NULL
                                  AND pkcs11_certificate_id IS NOT NULL)),
      CHECK ((kind = 'pkcs11') = (sealed_key IS NULL)),
      CHECK ((sealed_key IS NULL) = (key_protection IS NULL)),
      CHECK (key_protection IS NOT 'passphrase' OR substr(sealed_key, 1, 4) = X'42434B31')
    );
    CREATE UNIQUE INDEX signing_identities_one_organization
      ON signing_identities (for_organization) WHERE for_organization = 1;
    CREATE TABLE signature_images (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      png BLOB NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE organization_seal (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      png BLOB NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      diameter_mm REAL NOT NULL CHECK (diameter_mm BETWEEN 20 AND 60),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE TABLE trusted_roots (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      der BLOB NOT NULL,
      subject TEXT NOT NULL,
      not_after TEXT NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id)
    );
  `,
};
