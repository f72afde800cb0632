import type { Catalog } from '../../shared/domain/catalog/schema.ts';
import type { IntakeLimits } from '../intake/receivePackage.ts';
import type { PackageFiles } from '../intake/packageFiles.ts';
import type { ReceiptSigner } from '../receipts/receiptKey.ts';
import type { Device, IntakeRepository, Officer, Organization } from '../store/intakeRepository.ts';
import type { PackageVerifier } from '../verify/packageVerifier.ts';

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

export interface RateLimits {
  /** Uploads per device. */
  upload: RateLimit;
  /** Status and receipt reads per device. */
  read: RateLimit;
  /** Enrolment attempts per address: the code is short, guessing must be slow. */
  enrol: RateLimit;
  /** Officer log-ins per address (on top of the per-account lock-out). */
  login: RateLimit;
}

export const defaultRateLimits: RateLimits = {
  upload: { max: 30, timeWindow: 60_000 },
  read: { max: 300, timeWindow: 60_000 },
  enrol: { max: 10, timeWindow: 60_000 },
  login: { max: 20, timeWindow: 60_000 },
};

export const defaultLimits: IntakeLimits = {
  maxFileBytes: 25 * 1024 * 1024,
  maxTotalBytes: 60 * 1024 * 1024,
  maxManifestBytes: 256 * 1024,
  maxSignatureBytes: 64 * 1024,
};

/** Everything a handler may use; built once at start-up (server/startServer.ts). */
export interface IntakeContext {
  dataDir: string;
  repo: IntakeRepository;
  files: PackageFiles;
  catalogs: ReadonlyMap<string, Catalog>;
  verifier: PackageVerifier;
  signer: ReceiptSigner;
  clock: () => Date;
  limits: IntakeLimits;
  rateLimits: RateLimits;
  version: string;
}

export type Caller =
  | { kind: 'public' }
  | { kind: 'device'; device: Device; org: Organization }
  | { kind: 'officer'; officer: Officer; tokenHash: string };
