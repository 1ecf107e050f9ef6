import { z } from 'zod';

/**
 * zod's English messages are installed by a side effect of its entry module, which
 * the workflow bundler drops; install them explicitly so refusals read the same in
 * the workflow sandbox as in the API.
 */
z.config(z.locales.en());
