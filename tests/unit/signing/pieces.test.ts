import { describe, expect, it } from 'vitest';
import { isoVietnam, parsePdfDate, pdfDate } from '../../../electron/services/signing/pdf/pdfDates.ts';
import {
  PIN_FLAGS,
  pkcs11Failure,
  triesSentence,
} from '../../../electron/services/signing/pkcs11/messages.ts';
import { exitCodeOf } from '../../../shared/domain/signing/verification.ts';

describe('Vietnam time on signatures', () => {
  it('writes ISO 8601 and PDF dates at +07:00 whatever the machine zone, and reads PDF dates back', () => {
    const t = new Date('2026-02-04T19:05:09Z');
    expect(isoVietnam(t)).toBe('2026-02-05T02:05:09+07:00');
    expect(pdfDate(t)).toBe("D:20260205020509+07'00'");
    expect(parsePdfDate(pdfDate(t))!.getTime()).toBe(t.getTime());
    expect(parsePdfDate('D:20260204190509Z')!.getTime()).toBe(t.getTime());
    expect(parsePdfDate('hôm qua')).toBeNull();
  });
});

describe('what a token says about its PIN', () => {
  const req = {
    op: 'sign',
    library: '/lib.so',
    tokenSerial: 'S1',
    certificateId: '01',
    pin: '1234',
    data: '',
  } as const;
  it('names the last try, the lock and a low counter, each differently', () => {
    expect(triesSentence(PIN_FLAGS.finalTry)).toContain('chỉ còn MỘT lần thử');
    expect(triesSentence(PIN_FLAGS.locked | PIN_FLAGS.countLow)).toContain('đã bị khóa');
    expect(triesSentence(PIN_FLAGS.countLow)).toContain('đã thấp');
    expect(triesSentence(0)).toContain('không cho biết còn bao nhiêu lần thử');
  });
  it('turns every host failure into its own Vietnamese error, never with the PIN in it', () => {
    const codes = [
      'LIBRARY_NOT_FOUND',
      'LIBRARY_LOAD',
      'NO_TOKEN',
      'NO_CERTIFICATE',
      'NO_KEY',
      'PIN_INCORRECT',
      'PIN_LOCKED',
      'PIN_INVALID',
      'UNSUPPORTED_KEY',
      'DEVICE',
    ] as const;
    const messages = codes.map((code) => pkcs11Failure({ code, flags: PIN_FLAGS.finalTry }, req));
    expect(new Set(messages.map((m) => m.message)).size).toBe(codes.length);
    for (const m of messages) expect(m.message).not.toContain('1234');
    expect(messages[5]!.code).toBe('INVALID_CREDENTIALS');
    expect(messages[5]!.message).toBe(
      'Mã PIN không đúng. Thiết bị báo chỉ còn MỘT lần thử: nếu nhập sai lần nữa, thiết bị sẽ bị khóa.',
    );
    expect(messages[6]!.code).toBe('LOCKED');
  });
});

describe('CLI exit codes', () => {
  it('0 valid, 1 invalid, untrusted or unsigned, 2 unreadable', () => {
    expect(
      ['valid', 'untrusted', 'invalid', 'unsigned', 'unreadable'].map((v) => exitCodeOf(v as never)),
    ).toEqual([0, 1, 1, 1, 2]);
  });
});
