import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from './index';

/** Connection options for client and worker alike, from Temporal's environment conventions. */
export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
  metadata?: Record<string, string>;
}

export function temporalConnectionOptions(config: Config, address: string): TemporalConnectionSettings {
  const mtls = config.TEMPORAL_TLS_CLIENT_CERT_PATH && config.TEMPORAL_TLS_CLIENT_KEY_PATH;
  const tlsWanted =
    config.TEMPORAL_TLS ?? Boolean(mtls || config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_SERVER_CA_CERT_PATH);
  const tls = tlsWanted
    ? {
        serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
        serverRootCACertificate: config.TEMPORAL_TLS_SERVER_CA_CERT_PATH
          ? readFileSync(config.TEMPORAL_TLS_SERVER_CA_CERT_PATH)
          : undefined,
        clientCertPair: mtls
          ? {
              crt: readFileSync(config.TEMPORAL_TLS_CLIENT_CERT_PATH!),
              key: readFileSync(config.TEMPORAL_TLS_CLIENT_KEY_PATH!),
            }
          : undefined,
      }
    : undefined;
  return {
    address,
    tls,
    apiKey: config.TEMPORAL_API_KEY,
    metadata: config.TEMPORAL_API_KEY ? { 'temporal-namespace': config.TEMPORAL_NAMESPACE } : undefined,
  };
}
