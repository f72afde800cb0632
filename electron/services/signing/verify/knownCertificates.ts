import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateSummary } from '../../../../shared/domain/signing/certificate.ts';
import { describeCertificate } from '../crypto/certificateInfo.ts';

/**
 * What a certificate's bytes alone say about it, worked out once per certificate. A department
 * signs every manifest and every PDF with the same certificate, and parsing one (its description,
 * its public key) took a third of the intake server's verification time. Keyed by the SHA-256 of
 * the DER, so a different certificate is never taken for a known one; bounded, so a sender who
 * makes up certificates cannot grow it.
 */

/** A Map that forgets the entry used longest ago once it holds `max`. */
export class BoundedLru<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }

  get size(): number {
    return this.#map.size;
  }

  clear(): void {
    this.#map.clear();
  }
}

export const sha256Hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

interface Facts {
  summary: CertificateSummary;
  publicKey: KeyObject | null;
}

const known = new BoundedLru<string, Facts>(512);

function factsOf(der: Uint8Array): Facts {
  const key = sha256Hex(der);
  let f = known.get(key);
  if (!f) {
    let publicKey: KeyObject | null = null;
    try {
      publicKey = new X509Certificate(der).publicKey;
    } catch {
      /* a key Node cannot read: the signature check says so */
    }
    f = { summary: describeCertificate(der), publicKey };
    known.set(key, f);
  }
  return f;
}

/** describeCertificate, remembered; a copy each time, so no report can change another's. */
export function knownSummary(der: Uint8Array): CertificateSummary {
  return structuredClone(factsOf(der).summary);
}

/** The certificate's public key as node:crypto verifies with it; throws when it cannot be read. */
export function knownPublicKey(der: Uint8Array): KeyObject {
  const k = factsOf(der).publicKey;
  if (!k) throw new Error('public key not readable');
  return k;
}
