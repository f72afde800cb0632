/**
 * What the intake server needs to know about a package's signatures, behind one call, so the
 * server's checks (server/intake/receivePackage.ts) stay the same whichever code does the
 * cryptography. The implementation is chosen in ONE place: server/verify/defaultVerifier.ts.
 */
export interface PackageVerifyInput {
  /** manifest.json as received: its RFC 8785 canonical bytes. */
  manifestBytes: Uint8Array;
  /** manifest.p7s: the organisation's CMS detached signature over `manifestBytes` (DER). */
  signature: Uint8Array;
  /** The package's signed PDF (PAdES): every signature in it is checked. */
  pdf: Uint8Array;
  /** DER certificates the administrator trusts (`trust-root`); a chain must end at one of them. */
  trustedRoots: readonly Uint8Array[];
  /**
   * DER of the organisation's pinned signing certificate, or null before its first upload. Given so
   * a verifier can say more in `problems`; the pin decision itself is the server's, made from
   * `signerCertificate`.
   */
  pinnedCert: Uint8Array | null;
}

export interface PackageVerifyResult {
  /** True only when the manifest signature and every PDF signature are valid and trusted. */
  ok: boolean;
  /** DER of the certificate that signed the manifest, when it could be read. */
  signerCertificate: Uint8Array | null;
  /** What is wrong, one Vietnamese sentence each; empty when `ok`. */
  problems: string[];
}

export interface PackageVerifier {
  verifyPackage(input: PackageVerifyInput): Promise<PackageVerifyResult>;
}
