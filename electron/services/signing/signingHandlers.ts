import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import { AppError } from '../../../shared/errors.ts';
import { ORGANIZATION } from './signingRepository.ts';
import type { SigningService } from './signingService.ts';

type SigningHandlers = Pick<Handlers, Extract<keyof Handlers, `signing.${string}`>>;

function decode(b64: string, what: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  if (!bytes.length) throw new AppError('VALIDATION', `${what} trống hoặc không đọc được.`);
  return bytes;
}

const image = (i: { png: Buffer; width: number; height: number } | null) =>
  i ? { dataBase64: i.png.toString('base64'), width: i.width, height: i.height } : null;

/** The contract's signing.* entries over the signing service. */
export function createSigningHandlers(signing: SigningService): SigningHandlers {
  const organization = () => {
    const seal = signing.seal();
    return {
      identity: signing.identity(ORGANIZATION),
      seal: seal ? { ...image(seal)!, diameterMm: seal.diameterMm } : null,
      trustedRoots: signing.listTrustedRoots(),
    };
  };
  return {
    'signing.profile': (_i, ctx) => {
      const user = currentUser(ctx);
      return { identity: signing.identity(user.id), signatureImage: image(signing.signatureImage(user.id)) };
    },
    'signing.tokens': (i) => signing.listTokens(i.library),
    'signing.tokenCertificates': (i) => signing.listTokenCertificates(i.library, i.tokenSerial),
    'signing.useToken': (i, ctx) => signing.useToken(currentUser(ctx).id, currentUser(ctx).id, i),
    'signing.importP12': (i, ctx) =>
      signing.importP12(currentUser(ctx).id, currentUser(ctx).id, {
        fileName: i.fileName,
        bytes: decode(i.dataBase64, 'Tệp .p12/.pfx'),
        password: i.password,
      }),
    'signing.createTrial': (i, ctx) =>
      signing.createTrial(currentUser(ctx).id, currentUser(ctx).id, i.password),
    'signing.removeIdentity': (_i, ctx) => {
      signing.removeIdentity(currentUser(ctx).id, currentUser(ctx).id);
      return { ok: true as const };
    },
    'signing.testSign': async (i, ctx) => ({ message: await signing.testSign(currentUser(ctx).id, i) }),
    'signing.setSignatureImage': (i, ctx) => {
      const png = decode(i.dataBase64, 'Tệp hình chữ ký');
      const size = signing.setSignatureImage(currentUser(ctx).id, png);
      return { dataBase64: png.toString('base64'), ...size };
    },

    'signing.organization': () => organization(),
    'signing.organization.useToken': (i, ctx) => signing.useToken(ORGANIZATION, currentUser(ctx).id, i),
    'signing.organization.importP12': (i, ctx) =>
      signing.importP12(ORGANIZATION, currentUser(ctx).id, {
        fileName: i.fileName,
        bytes: decode(i.dataBase64, 'Tệp .p12/.pfx'),
        password: i.password,
      }),
    'signing.organization.createTrial': (i, ctx) =>
      signing.createTrial(ORGANIZATION, currentUser(ctx).id, i.password),
    'signing.organization.removeIdentity': (_i, ctx) => {
      signing.removeIdentity(ORGANIZATION, currentUser(ctx).id);
      return { ok: true as const };
    },
    'signing.organization.testSign': async (i) => ({ message: await signing.testSign(ORGANIZATION, i) }),
    'signing.organization.setSeal': (i, ctx) => {
      const png = decode(i.dataBase64, 'Tệp hình con dấu');
      const size = signing.setSeal(currentUser(ctx).id, png, i.diameterMm);
      return { dataBase64: png.toString('base64'), ...size };
    },
    'signing.trustedRoots.add': (i, ctx) => {
      signing.addTrustedRoots(currentUser(ctx).id, i.fileName, decode(i.dataBase64, 'Tệp chứng thư gốc'));
      return signing.listTrustedRoots();
    },
    'signing.trustedRoots.remove': (i, ctx) => {
      signing.removeTrustedRoot(currentUser(ctx).id, i.sha256);
      return signing.listTrustedRoots();
    },
    'signing.verify': (i) => signing.verify(Buffer.from(i.dataBase64, 'base64'), i.fileName),
  };
}
