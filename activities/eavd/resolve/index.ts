export { DEFAULT_TRIES, resolveDomains, ResolveOptionsInvalid, type MxRecord, type Resolution, type ResolveOptions } from './resolver';
export { checkpoint, RESUMABLE_BATCH_LIMIT, resumeFrom, type ResolveCheckpoint } from './resume';
export {
  createResolveActivities,
  MAX_RESOLVE_BATCH,
  ResolveBatchTooLarge,
  ResolveOptionsInvalidType,
  type ResolveCandidatesInput,
  type ResolveDefaults,
} from './resolve-activities';
export { answeredByWildcard, parentOf, probeWildcards, type WildcardAnswer } from './wildcards';
