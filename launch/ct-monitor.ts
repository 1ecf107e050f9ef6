import type { Client } from '@temporalio/client';
import { CT_MONITOR_WORKFLOW_ID, CT_MONITOR_WORKFLOW_TYPE, ctSettingsSignal, type CtMonitorInput, type CtMonitorSettings } from '../domain/ct-monitor';

/**
 * Starts the certificate-transparency monitor, or hands the running one the configured logs (a new
 * log starts `backfill` entries before its head, a log no longer configured is dropped): every worker
 * does it at start, so a configuration change reaches the monitor with the next deployment.
 */
export async function startCtMonitor(client: Client, taskQueue: string, settings: CtMonitorSettings, workflowId = CT_MONITOR_WORKFLOW_ID): Promise<void> {
  const input: CtMonitorInput = { settings, logs: [], run: 1 };
  await client.workflow.signalWithStart(CT_MONITOR_WORKFLOW_TYPE, { workflowId, taskQueue, args: [input], signal: ctSettingsSignal, signalArgs: [settings] });
}
