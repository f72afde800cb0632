/**
 * Who signs: a certificate and a way to sign with its private key. The same CMS code signs with a
 * software key (a .p12 or the trial identity, decrypted only for the call) or a PKCS#11 token
 * (the key never leaves it), so everything above this interface is the same for both.
 */
export interface Identity {
  kind: 'pkcs11' | 'pkcs12' | 'trial';
  /** DER of the signer's certificate. */
  certificate: Buffer;
  /** DER of the certificates above it (issuing CAs), nearest first; the root may be left out. */
  chain: Buffer[];
  /**
   * Signs `tbs` with SHA-256 and the certificate's key: RSASSA-PKCS1-v1_5 for an RSA key, a DER
   * Ecdsa-Sig-Value for a P-256 key. It hashes the bytes itself.
   */
  signRaw(tbs: Buffer): Promise<Buffer>;
  /** Ends the token session or forgets the decrypted key; safe to call twice. */
  close(): Promise<void>;
}
