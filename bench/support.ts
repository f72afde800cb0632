import type { Session } from '../electron/services/context.ts';
import type { Services } from '../electron/services/index.ts';
import type { MethodName, MethodOutput } from '../shared/api.ts';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** A call through the same gate the UI uses; a refusal stops the benchmark with its message. */
export async function call<K extends MethodName>(
  services: Services,
  session: Session,
  name: K,
  input: unknown,
): Promise<MethodOutput<K>> {
  const r = await services.dispatch(name, input, session);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as MethodOutput<K>;
}

/** Sở KH&CN, set up through the wizard's call; returns the administrator's session. */
export async function setUpDepartment(services: Services): Promise<Session> {
  const admin: Session = { userId: null };
  await call(services, admin, 'setup.complete', {
    organization: {
      name: 'Sở Khoa học và Công nghệ',
      parentName: 'UBND TỈNH BẮC NINH',
      agencyType: 'so_khcn',
      abbreviation: 'SKHCN',
      place: 'Bắc Ninh',
    },
    admin: { username: 'quantri', fullName: 'Quản trị', password: 'mật-khẩu-đủ-dài', roles: ['quan_tri'] },
  });
  return admin;
}
