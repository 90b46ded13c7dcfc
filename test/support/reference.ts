import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The workspace's `shared/` folder (AIRudder reference and seed doc pages): beside the checkout, as
 * laid out for sessions and for CI's fresh clone, else `/work/shared`. It is not part of the
 * repository, so the checks that read it run only where it is present.
 */
const SHARED =
	[resolve(__dirname, '..', '..', '..', 'shared'), '/work/shared'].find((dir) =>
		existsSync(join(dir, 'airudder-api')),
	) ?? '/work/shared';

/** The harvested OpenAPI reference, one file per API group. */
export const REFERENCE = join(SHARED, 'airudder-api');
/** The original doc pages. */
export const SEEDS = join(SHARED, 'seeds');
/** `it`, or `it.skip` where the reference is absent. */
export const withReference = existsSync(REFERENCE) ? it : it.skip;
