import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../identity';
import type { LookalikeService } from '../../services/lookalikes';
import * as s from './schemas';

/** "Is this one of ours?": the reverse lookalike check, for any authenticated caller (it reads, writes nothing). */
export const lookalikeRoutes: FastifyPluginAsyncZod<{ lookalikes: LookalikeService }> = async (app, { lookalikes }) => {
  app.post(
    '/lookalikes/check',
    {
      schema: {
        ...s.checkLookalike,
        summary: 'Which brand a domain imitates, how, and how risky it looks',
        description:
          'Matches the domain against the brands given, else against the brands of the active missions: ' +
          'as a permutation of a brand domain (with the fuzzer that generates it), by confusable skeleton, ' +
          "by Damerau-Levenshtein distance or by containing the brand label, plus the name's own risk " +
          "signals, each point with its reason. A brand's own domains and their subdomains are no lookalikes.",
      },
    },
    async (req) => {
      actorOf(req);
      return lookalikes.check(req.body.domain, req.body.brands);
    },
  );
};
