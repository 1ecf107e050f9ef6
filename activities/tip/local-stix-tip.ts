import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorCode } from '../../domain/errors';
import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import { findingBundle } from './stix-export';
import { searchTerms, summariseIntel, type StixObject } from './intel-summary';
import type { IntelQuery, TipPort } from './tip-port';
import type { CheckResult } from '../health-check';
import { ensureDir } from '../local-records/ensure-dir';

export { searchTerms };

/** The embedded TIP: a folder of STIX 2.1 bundles (`*.json`). */
export class LocalStixTip implements TipPort {
  readonly name: string;
  constructor(private readonly dir: string) {
    this.name = `local-stix:${dir}`;
  }

  async check(): Promise<CheckResult> {
    try {
      const objects = await this.readAll();
      return { ok: true, detail: `${objects.length} STIX objects in ${this.dir}; pushed findings go to its pushed/` };
    } catch (err) {
      return { ok: false, detail: `cannot read STIX bundles in ${this.dir}: ${(err as Error).message}` };
    }
  }

  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    return summariseIntel(this.name, await this.readAll(), query);
  }

  /** Writes the finding as a bundle under `pushed/`; the same finding always lands in the same file. */
  async pushFinding(missionId: string, finding: Finding): Promise<ExternalRef> {
    const bundle = findingBundle(missionId, finding);
    const dir = join(this.dir, 'pushed');
    await ensureDir(dir);
    const file = join(dir, `${missionId}-${finding.id}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(bundle, null, 2));
    await rename(`${file}.tmp`, file);
    return { system: 'local-stix', id: bundle.id as string };
  }

  private async readAll(): Promise<StixObject[]> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    const all: StixObject[] = [];
    for (const f of files) {
      let bundle: { type?: string; objects?: StixObject[] };
      try {
        bundle = JSON.parse(await readFile(join(this.dir, f), 'utf8'));
      } catch (err) {
        throw ApplicationFailure.create({
          type: ErrorCode.IntelSourceInvalid,
          message: `${f} is not valid JSON: ${(err as Error).message}`,
          nonRetryable: true,
        });
      }
      if (bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
        throw ApplicationFailure.create({
          type: ErrorCode.IntelSourceInvalid,
          message: `${f} is not a STIX 2.1 bundle`,
          nonRetryable: true,
        });
      }
      all.push(...bundle.objects);
    }
    return all;
  }
}
