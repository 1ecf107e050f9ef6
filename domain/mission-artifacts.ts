import { z } from 'zod';

export const artifactRefSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});
export type ArtifactRef = z.infer<typeof artifactRefSchema>;
