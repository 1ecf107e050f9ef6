import { PHASES, type Phase } from '../domain/phases';
import { answer, CliError, EXIT } from './api-client';
import { globals, oneOf, parse } from './args';
import { apiFor, type Io } from './io';
import { help } from './help';

/**
 * Approve or reject a gate: the one named by --phase, else the mission's open gate.
 * A refused decision (409) shows what is missing and exits 5. The answer is the API's
 * acknowledgement: where the mission stands after the decision.
 */
export async function gateDecide(decision: 'approve' | 'reject', argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { phase: { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' } },
    { min: 1, max: 1, names: 'a mission id' },
  );
  const g = globals(values, io.env);
  if (g.help) return help(io, `gate ${decision}`);
  const reason = (decision === 'approve' ? values.note : values.reason) as string | undefined;
  if (decision === 'approve' && values.reason !== undefined) throw new CliError('gate approve takes --note, not --reason', EXIT.usage);
  if (decision === 'reject' && values.note !== undefined) throw new CliError('gate reject takes --reason, not --note', EXIT.usage);
  if (decision === 'reject' && !reason?.trim()) throw new CliError('gate reject needs --reason TEXT', EXIT.usage);

  const api = apiFor(g, io);
  const id = positionals[0]!;
  let gate: Phase;
  if (values.phase !== undefined) gate = oneOf('--phase', values.phase as string, PHASES);
  else {
    const current = await answer(api.call.GET('/missions/{id}', { params: { path: { id } } }));
    if (!current.openGate) throw new CliError(`${current.missionId}: no gate is open (phase ${current.phase}, status ${current.status})`, EXIT.conflict);
    gate = current.openGate;
  }
  const body = decision === 'approve' ? { decision, ...(reason !== undefined && { reason }) } : { decision, reason: reason! };
  const ack = await answer(api.call.POST('/missions/{id}/gates/{gate}/decision', { params: { path: { id, gate } }, body }));
  if (g.json) io.out(JSON.stringify(ack));
  else {
    const verb = decision === 'approve' ? 'approved' : 'rejected';
    io.out(`${positionals[0]!}: gate ${gate} ${verb}; now status ${ack.status}, phase ${ack.phase}${ack.openGate ? `, open gate ${ack.openGate}` : ''}`);
  }
  return 0;
}
