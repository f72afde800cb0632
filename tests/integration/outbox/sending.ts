import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  admin,
  enrolmentCodeOf,
  officerDecision,
  startTestIntake,
  type TestIntake,
} from '../../support/intakeServer.ts';
import {
  createTestPki,
  headSubject,
  organizationSubject,
  type TestPki,
} from '../../support/signing/testPki.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { setUpChain, type Chain, type Issued } from '../../unit/helpers/workflow.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';

/**
 * A department that signs with certificates of a CA the intake server trusts, enrolled with a real
 * intake server on loopback: what every outbox test starts from.
 */
export interface Sending {
  chain: Chain;
  intake: TestIntake;
  pki: TestPki;
  /** Clerk drafts, head signs with their .p12, văn thư issues with the cơ quan's: one package queued. */
  issueSigned(): Promise<Issued>;
  /** The officer of Sở KH&CN returns or accepts a package through the officer API. */
  decide(packageId: string, decision: 'accepted' | 'returned', reason?: string): Promise<void>;
  /** Closes the department's store (as quitting BaoCao does); close() then leaves it alone. */
  closeDepartment(): void;
  close(): Promise<void>;
}

export const HEAD_P12_PASSWORD = 'mat-khau-lanh-dao';
export const ORG_P12_PASSWORD = 'mat-khau-co-quan';
// The day in Bắc Ninh (UTC+7), as the app dates approvals: from 17:00 UTC it is already tomorrow.
const today = () => vietnamToday(new Date());

export async function setUpSending(options: { port?: number; dataDir?: string } = {}): Promise<Sending> {
  const pki = createTestPki();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-intake-'));
  // The server trusts the CA that issued the head's and the cơ quan's certificates.
  await admin(dataDir, 'trust-root', [pki.ca.certPath]);
  const intake = await startTestIntake({ dataDir, ...(options.port ? { port: options.port } : {}) });
  const chain = await setUpChain(options.dataDir ? { dataDir: options.dataDir } : {});

  const p12 = (subject: [string, string][], name: string, password: string) => ({
    fileName: `${name}.p12`,
    dataBase64: pki.p12(pki.issue({ name, subject }), password).toString('base64'),
    password,
  });
  expectOk(await chain.head.call('signing.importP12', p12(headSubject, 'head', HEAD_P12_PASSWORD)));
  expectOk(
    await chain.dept.call(
      'signing.organization.importP12',
      p12(organizationSubject, 'org', ORG_P12_PASSWORD),
    ),
  );
  const added = await admin(dataDir, 'add-org', [
    '--code',
    'SKHCN',
    '--name',
    'Sở Khoa học và Công nghệ',
    '--type',
    'so_khcn',
  ]);
  expectOk(await chain.dept.call('outbox.enrol', { serverUrl: intake.url, code: enrolmentCodeOf(added) }));
  await admin(dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);

  const issueSigned = async () => {
    const doc = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
    const shown = expectOk<{ sha256: string }>(
      await chain.head.call('workflow.signingPreview', { id: doc.id, baseRevision: doc.revision }),
    );
    expectOk(
      await chain.head.call('workflow.approve', {
        id: doc.id,
        baseRevision: doc.revision,
        pdfSha256: shown.sha256,
        secret: { password: HEAD_P12_PASSWORD },
      }),
    );
    return expectOk<Issued>(
      await chain.vanThu.call('workflow.issue', {
        id: doc.id,
        baseRevision: doc.revision,
        issuedOn: today(),
        recipients: ['Sở Khoa học và Công nghệ', 'Lưu: VT'],
        secret: { password: ORG_P12_PASSWORD },
      }),
    );
  };

  const decide = (packageId: string, decision: 'accepted' | 'returned', reason?: string) =>
    officerDecision(intake.url, packageId, decision, reason);

  let open = true;
  const closeDepartment = () => {
    if (open) chain.services.close();
    open = false;
  };
  return {
    chain,
    intake,
    pki,
    issueSigned,
    decide,
    closeDepartment,
    async close() {
      closeDepartment();
      await intake.close();
      pki.cleanup();
    },
  };
}
