import { z } from 'zod';
import { empty, method } from './method.ts';

/** How long sessions live: the administrator chooses the idle time; the maximum age is fixed. */
export const sessionSettingsSchema = z.object({
  idleMinutes: z
    .number()
    .int('phải là số phút nguyên')
    .min(15, 'ít nhất 15 phút')
    .max(24 * 60, 'nhiều nhất 24 giờ'),
});
const sessionSettingsOut = sessionSettingsSchema.extend({ maxAgeHours: z.number().int() });

export const sessionsApi = {
  'sessions.settings': method({
    access: 'settings.manage',
    readOnly: true,
    input: empty,
    output: sessionSettingsOut,
  }),
  'sessions.updateSettings': method({
    access: 'settings.manage',
    input: sessionSettingsSchema,
    output: sessionSettingsOut,
  }),
};
