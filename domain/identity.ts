import { z } from 'zod';

export const ROLES = ['platform', 'manager', 'lead', 'hunter', 'dfir', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const actorSchema = z.object({
  id: z.string().min(1).max(120),
  role: z.enum(ROLES),
});
export type Actor = z.infer<typeof actorSchema>;
