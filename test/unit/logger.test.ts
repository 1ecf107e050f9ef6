import { Writable } from 'node:stream';
import { createLogger } from '../../worker/logger';

test('secret settings and credentials never reach the logs, at the top level or one level down', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ CAPEO_LOG_LEVEL: 'info' }, 'test', sink);
  log.info({ CAPEO_JIRA_API_TOKEN: 'jira-s3cret', config: { CAPEO_SMTP_PASSWORD: 'smtp-s3cret', CAPEO_JIRA_URL: 'https://acme.atlassian.net' }, req: { authorization: 'Bearer t0ken' } }, 'settings');
  const out = lines.join('');
  expect(out).not.toMatch(/s3cret|t0ken/);
  expect(JSON.parse(out)).toMatchObject({ CAPEO_JIRA_API_TOKEN: '[redacted]', config: { CAPEO_SMTP_PASSWORD: '[redacted]', CAPEO_JIRA_URL: 'https://acme.atlassian.net' }, req: { authorization: '[redacted]' } });
});
