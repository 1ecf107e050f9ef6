import { defineSignal } from '@temporalio/workflow';
import type { NewFinding } from './findings';
import type { ArtifactRef } from './mission-artifacts';

/**
 * Certificate-transparency monitoring: logs followed from a saved position, each entry's certificate
 * matched against the brands of the active EAVD missions. Shared by the monitor workflow, its
 * activities and the launcher that starts it.
 */
export const CT_LOG_KINDS = ['rfc6962', 'static'] as const;
export type CtLogKind = (typeof CT_LOG_KINDS)[number];

/** A log: RFC 6962 (`<url>ct/v1/get-sth`, `get-entries`) or static-CT tiles (`<url>checkpoint`, `<url>tile/data/…`). */
export interface CtLog {
  /** Stable name of the log (positions are kept by it): the URL without its scheme. */
  id: string;
  kind: CtLogKind;
  /** The log's prefix, ending with a slash. */
  url: string;
}

export const ctLogId = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/+$/, '');

/** What the monitor knows of a certificate it matched; the certificate itself (PEM) is in the artifact store. */
export interface CtCertificate {
  log: string;
  index: number;
  entryType: 'x509' | 'precert';
  /** The log's timestamp of the entry (ISO). */
  loggedAt: string;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  serial: string;
  issuer: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** dNSName SANs and the subject CN, deduplicated (at most MAX_CERT_NAMES). */
  names: string[];
  /** SHA-256 of the SubjectPublicKeyInfo, hex: the same key on many certificates is the same infrastructure. */
  publicKeySha256: string;
  artifact: ArtifactRef;
}
export const MAX_CERT_NAMES = 100;

/** One name of a certificate that looks like a brand's. */
export interface CtNameMatch {
  name: string;
  /** The brand domain it imitates. */
  brand: string;
  /** How: the algorithm that matched (damerau-levenshtein, skeleton, containment…) with its detail. */
  how: string;
  /** The matcher's points (similarity and risk signals), and their level: a high match is escalated. */
  score: number;
  level: 'high' | 'medium' | 'low';
  /** Every reason of the score (similarity, suspicious TLD, lure word, entropy…) with its points. */
  signals: string[];
}

/** A matching certificate and, per mission whose brand it imitates, its matching names. */
export interface CtHit {
  certificate: CtCertificate;
  /** Digest of the issuer and serial number: what a precertificate and its final certificate share. */
  key: string;
  missions: Array<{ missionId: string; matches: CtNameMatch[] }>;
}

/**
 * The finding a matching certificate makes in one mission. Its source key is the certificate's issuer
 * and serial number: a precertificate and its final certificate, or one certificate seen in several
 * logs, are one finding.
 */
/** The certificate's finding in one mission; `matches` are its names that imitate that mission's brand. */
export function ctFinding(hit: CtHit, matches: CtNameMatch[]): NewFinding {
  const cert = hit.certificate;
  const best = matches.reduce((a, b) => (b.score > a.score ? b : a));
  // A certificate for a name the matcher rates high is a suspicious security event (escalated); else an event of interest.
  const suspicious = matches.some((m) => m.level === 'high');
  const names = matches.map((m) => m.name);
  const evidence = [
    `log: ${cert.log} #${cert.index} (${cert.entryType}, logged ${cert.loggedAt})`,
    `fingerprint (sha256): ${cert.fingerprint}`,
    `serial: ${cert.serial}`,
    `issuer: ${cert.issuer}`,
    `subject: ${cert.subject}`,
    `valid: ${cert.notBefore} to ${cert.notAfter}`,
    `public key (sha256 of SPKI): ${cert.publicKeySha256}`,
    `names: ${cert.names.join(', ')}`,
  ].join('\n');
  const why = matches.map((m) => `${m.name}: ${m.how} of ${m.brand}, score ${m.score} (${m.level})${m.signals.length ? `: ${m.signals.join('; ')}` : ''}`);
  const title = `Certificate for ${best.name} imitates ${best.brand}${names.length > 1 ? ` (and ${names.length - 1} more names)` : ''}`;
  return {
    category: suspicious ? 'suspicious-security-event' : 'ti-event-of-interest',
    severity: suspicious ? 'high' : 'medium',
    title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
    description: [`A certificate was logged in certificate transparency for names that imitate the brand:`, ...why.map((w) => `- ${w}`), '', evidence].join('\n').slice(0, 10_000),
    evidence: [{ kind: 'certificate', summary: evidence.slice(0, 4000), artifact: cert.artifact }],
    observables: [...names.slice(0, 400).map((value) => ({ type: 'domain' as const, value })), { type: 'hash' as const, value: cert.fingerprint }],
    sourceKey: `ct:${hit.key}`,
    flags: [],
  };
}

export interface CtMonitorSettings {
  logs: CtLog[];
  /** Entries before the head a log new to the monitor is read from (0: only what is logged from now on). */
  backfill: number;
  pollSeconds: number;
  /** Entries per batch activity (default 10,000) and batches per run before continue-as-new (default 300): tuning and tests. */
  batchEntries?: number;
  batchesPerRun?: number;
}

/** From the launcher to the monitor: the configured logs (a log no longer listed is dropped with its position). */
export const ctSettingsSignal = defineSignal<[CtMonitorSettings]>('ctSettings');

export interface CtLogProgress {
  id: string;
  kind: CtLogKind;
  /** The next entry to read: every entry before it was processed. */
  position: number | null;
  treeSize: number | null;
  processed: number;
  hits: number;
  lastError: string | null;
}
/**
 * The monitor's progress, in its memo under CT_MONITOR_MEMO (read with `temporal workflow describe` or
 * the client's describe()): capeo sends no workflow queries (docs/architecture.md, "No queries").
 */
export interface CtMonitorProgress {
  run: number;
  logs: CtLogProgress[];
}
export const CT_MONITOR_MEMO = 'ctMonitor';

export const CT_MONITOR_WORKFLOW_ID = 'capeo-ct-monitor';
export const CT_MONITOR_WORKFLOW_TYPE = 'ctMonitorWorkflow';

/** What the monitor workflow starts from, and carries across continue-as-new. */
export interface CtMonitorInput {
  settings: CtMonitorSettings;
  /** Per configured log: its position and counts. */
  logs: CtLogProgress[];
  run: number;
}
