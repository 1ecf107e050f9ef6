/** Sigma rules as hunt queries: parse and validate (rule.ts), then convert per SIEM language (convert.ts). Pure. */
export type { SigmaExpr, SigmaRule, SigmaTest, SigmaLogsource } from './ast';
export { SigmaRuleError, isSigmaRuleError } from './errors';
export { parseSigmaRule, sigmaRuleSchema } from './rule';
export { convertSigma, type SigmaConversion } from './convert';
export { sigmaMappingSchema, IDENTITY_MAPPING, SIGMA_LANGUAGES, type SigmaLanguage, type SigmaMapping } from './mapping';
