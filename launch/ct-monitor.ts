import type { Client } from '@temporalio/client';
import type { Config } from '../config';
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

/** The monitor of the configuration's CAPEO_CT_* settings; answers the logs it follows (none: CAPEO_CT_LOGS unset, nothing started). */
export async function startConfiguredCtMonitor(
  client: Client,
  config: Pick<Config, 'CAPEO_TASK_QUEUE' | 'CAPEO_CT_LOGS' | 'CAPEO_CT_BACKFILL' | 'CAPEO_CT_POLL_SECONDS'>,
  workflowId = CT_MONITOR_WORKFLOW_ID,
): Promise<string[]> {
  if (!config.CAPEO_CT_LOGS) return [];
  await startCtMonitor(client, config.CAPEO_TASK_QUEUE, { logs: config.CAPEO_CT_LOGS, backfill: config.CAPEO_CT_BACKFILL, pollSeconds: config.CAPEO_CT_POLL_SECONDS }, workflowId);
  return config.CAPEO_CT_LOGS.map((l) => l.id);
}
