/**
 * The PKCS#11 host: a child process that loads the token's driver with pkcs11js and answers one
 * request at a time over the IPC channel (protocol.ts). It keeps nothing between requests but the
 * loaded driver: each signing opens a session, logs in with the PIN it was given, signs, logs out
 * and closes the session.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import type { HostError, HostRequest, HostResponse, TokenCertificate, TokenInfo } from './protocol.ts';

type Pkcs11Module = typeof Pkcs11Types;

const require = createRequire(import.meta.url);
// The desktop app points this at pkcs11js built for Electron's ABI (scripts/electronNative.mjs).
const pkcs11js = require(process.env.BAOCAO_PKCS11JS_DIR || 'pkcs11js') as Pkcs11Module;

class HostFailure extends Error {
  constructor(readonly error: HostError) {
    super(error.code);
  }
}

const loaded = new Map<string, Pkcs11Types.PKCS11>();

function ckrName(e: unknown): string {
  const m = /CKR_[A-Z_]+/.exec(e instanceof Error ? e.message : String(e));
  return m ? m[0] : 'lỗi không rõ';
}

function open(library: string): Pkcs11Types.PKCS11 {
  const known = loaded.get(library);
  if (known) return known;
  if (!fs.existsSync(library)) throw new HostFailure({ code: 'LIBRARY_NOT_FOUND' });
  const p = new pkcs11js.PKCS11();
  try {
    p.load(library);
  } catch (e) {
    throw new HostFailure({
      code: 'LIBRARY_LOAD',
      detail: e instanceof Error ? e.message.split('\n')[0] : '',
    });
  }
  try {
    p.C_Initialize();
  } catch (e) {
    if (ckrName(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      throw new HostFailure({ code: 'LIBRARY_LOAD', detail: ckrName(e) });
    }
  }
  loaded.set(library, p);
  return p;
}

const trim = (s: string) => s.replace(/[\s\0]+$/, '');

function tokens(p: Pkcs11Types.PKCS11): (TokenInfo & { handle: Buffer })[] {
  return p.C_GetSlotList(true).map((slot) => {
    const t = p.C_GetTokenInfo(slot);
    return {
      handle: slot,
      slot: slot.toString('hex'),
      label: trim(t.label),
      serialNumber: trim(t.serialNumber),
      manufacturer: trim(t.manufacturerID),
      model: trim(t.model),
      flags: t.flags,
    };
  });
}

function findToken(p: Pkcs11Types.PKCS11, serial: string) {
  const t = tokens(p).find((x) => x.serialNumber === serial);
  if (!t) throw new HostFailure({ code: 'NO_TOKEN' });
  return t;
}

function find(p: Pkcs11Types.PKCS11, session: Buffer, template: Pkcs11Types.Template): Buffer[] {
  p.C_FindObjectsInit(session, template);
  try {
    return p.C_FindObjects(session, 100);
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

function withSession<T>(p: Pkcs11Types.PKCS11, slot: Buffer, fn: (s: Buffer) => T): T {
  const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    return fn(session);
  } finally {
    try {
      p.C_CloseSession(session);
    } catch {
      // the token may have been pulled out meanwhile
    }
  }
}

function certificates(p: Pkcs11Types.PKCS11, slot: Buffer): TokenCertificate[] {
  return withSession(p, slot, (s) =>
    find(p, s, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((h) => {
      const [id, label, value] = p.C_GetAttributeValue(s, h, [
        { type: pkcs11js.CKA_ID },
        { type: pkcs11js.CKA_LABEL },
        { type: pkcs11js.CKA_VALUE },
      ]);
      return {
        id: (id?.value as Buffer | undefined)?.toString('hex') ?? '',
        label: (label?.value as Buffer | undefined)?.toString('utf8') ?? '',
        der: (value?.value as Buffer | undefined)?.toString('base64') ?? '',
      };
    }),
  );
}

/** r||s from CKM_ECDSA as the DER Ecdsa-Sig-Value CMS wants. */
function ecdsaDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function sign(p: Pkcs11Types.PKCS11, req: Extract<HostRequest, { op: 'sign' }>): string {
  const token = findToken(p, req.tokenSerial);
  return withSession(p, token.handle, (s) => {
    try {
      p.C_Login(s, pkcs11js.CKU_USER, req.pin);
    } catch (e) {
      const name = ckrName(e);
      if (name === 'CKR_USER_ALREADY_LOGGED_IN') {
        // another application holds a login on this token; signing still works
      } else {
        const flags = tokens(p).find((t) => t.serialNumber === req.tokenSerial)?.flags;
        if (name === 'CKR_PIN_INCORRECT')
          throw new HostFailure({ code: 'PIN_INCORRECT', flags, detail: name });
        if (name === 'CKR_PIN_LOCKED') throw new HostFailure({ code: 'PIN_LOCKED', flags, detail: name });
        if (name === 'CKR_PIN_LEN_RANGE' || name === 'CKR_PIN_INVALID') {
          throw new HostFailure({ code: 'PIN_INVALID', flags, detail: name });
        }
        throw new HostFailure({ code: 'DEVICE', detail: name });
      }
    }
    try {
      const id = Buffer.from(req.certificateId, 'hex');
      const keys = find(p, s, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: id },
      ]);
      const key = keys[0];
      if (!key) throw new HostFailure({ code: 'NO_KEY' });
      const [type] = p.C_GetAttributeValue(s, key, [{ type: pkcs11js.CKA_KEY_TYPE }]);
      // CK_ULONG in the machine's byte order: little-endian on every PC BaoCao runs on.
      const raw = type?.value as Buffer | undefined;
      const keyType = raw && raw.length >= 4 ? raw.readUInt32LE(0) : raw?.[0];
      const data = Buffer.from(req.data, 'base64');
      const out = Buffer.alloc(1024);
      if (keyType === pkcs11js.CKK_RSA) {
        p.C_SignInit(s, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
        return Buffer.from(p.C_Sign(s, data, out)).toString('base64');
      }
      if (keyType === pkcs11js.CKK_EC) {
        // CKM_ECDSA over our own SHA-256: every token has it, not every one the hashing variant.
        p.C_SignInit(s, { mechanism: pkcs11js.CKM_ECDSA }, key);
        const digest = createHash('sha256').update(data).digest();
        return ecdsaDer(Buffer.from(p.C_Sign(s, digest, out))).toString('base64');
      }
      throw new HostFailure({ code: 'UNSUPPORTED_KEY' });
    } finally {
      try {
        p.C_Logout(s);
      } catch {
        // not logged in, or the token is gone
      }
    }
  });
}

function handle(req: HostRequest): unknown {
  const p = open(req.library);
  // An empty slot SoftHSM and some readers offer for a new token is not a token to sign with.
  if (req.op === 'listTokens') {
    return tokens(p)
      .filter((t) => t.flags & pkcs11js.CKF_TOKEN_INITIALIZED)
      .map(({ handle: _h, ...t }) => t);
  }
  if (req.op === 'listCertificates') return certificates(p, findToken(p, req.tokenSerial).handle);
  return sign(p, req);
}

process.on('message', (msg: { id: number; request: HostRequest }) => {
  let response: HostResponse;
  try {
    response = { id: msg.id, ok: true, value: handle(msg.request) };
  } catch (e) {
    response = {
      id: msg.id,
      ok: false,
      error: e instanceof HostFailure ? e.error : { code: 'DEVICE', detail: ckrName(e) },
    };
  }
  process.send!(response);
});
process.on('disconnect', () => process.exit(0));
