import { renderComms } from '../../domain/comms';
import { buildPlaybook } from '../../domain/playbook';
import { renderReportHtml, renderReportMarkdown } from '../../domain/report';
import { metricsOf, releasedMission } from '../support/outcomes-fixture';

const s = releasedMission();
const m = metricsOf(s);

test('the report holds every metric of the spec, in Markdown and in HTML', () => {
  const md = renderReportMarkdown(s, m);
  const html = renderReportHtml(s, m);
  for (const doc of [md, html]) {
    for (const label of [
      'Total Hunt Duration', 'Execution Phase Duration', 'Time in phase (h)', 'Time waiting on gate (h)',
      'visibility-gap', 'security-control-issue', 'detection-opportunity', 'hunt-opportunity', 'suspicious-security-event', 'ti-event-of-interest',
      'Escalations', 'Mean time from finding to escalation (h)', 'Visibility gaps raised', 'Squad size', 'Iteration',
    ]) {
      expect(doc).toContain(label);
    }
  }
  expect(md).toContain('| Total Hunt Duration | 4 | 2.5 | 62.5% | no |');
  expect(md).toContain('| Execution Phase Duration | 3 | 1.5 | 50% | no |');
  expect(md).toContain('| Mean time from finding to escalation (h) | 0.5 |');
  expect(md).toContain('| Squad size | 3 |');
  expect(md).toContain('local-ticketing IR-1');
});

test('HTML escapes what people typed', () => {
  const html = renderReportHtml(s, m);
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('comms tell the story: escalations when there are findings, good news when there are none', () => {
  const withFindings = renderComms(s, m, null);
  expect(withFindings.subject).toContain('1 finding');
  expect(withFindings.text).toMatch(/escalated to incident response/);
  expect(withFindings.text).not.toMatch(/select query/);
  const quiet = releasedMission({ findings: [] });
  const none = renderComms(quiet, metricsOf(quiet), 'Prompted by the Q3 phishing wave.');
  expect(none.subject).toContain('nothing malicious found');
  expect(none.text).toMatch(/Nothing malicious was found/);
  expect(none.text).toContain('Prompted by the Q3 phishing wave.');
  expect(none.html).toMatch(/^<!doctype html>/);
});

test('the playbook: research as markdown, one code cell per query, no metrics; the next iteration keeps the previous cells', () => {
  const nb = buildPlaybook(s, null);
  expect(nb.nbformat).toBe(4);
  const research = nb.cells.find((c) => c.id === 'i1-research')!;
  expect(research.cell_type).toBe('markdown');
  expect(research.source).toContain('[dnstwist](https://github.com/elceef/dnstwist)');
  const query = nb.cells.find((c) => c.id === 'i1-query-Q1')!;
  expect(query.cell_type).toBe('code');
  expect(query.source).toContain("select query from dns where query like '%examp1e%'");
  expect(JSON.stringify(nb)).not.toMatch(/Total Hunt Duration|Squad size/);

  const second = buildPlaybook({ ...s, iteration: 2, queries: [] }, nb);
  expect(second.cells.some((c) => c.id === 'i2-title')).toBe(true);
  expect(second.cells.find((c) => c.id === 'i1-query-Q1')?.source).toBe(query.source);
  expect(new Set(second.cells.map((c) => c.id)).size).toBe(second.cells.length);
});
