import type { IExecuteFunctions } from 'n8n-workflow';

import type { AirudderFile } from '../core/answers';
import { coreDownload } from '../core/download';
import { VOICE } from './request';

/**
 * Streams a file from a link a voice API answer gave (a recording), through the core's
 * hand-followed download: the token only on the Base URL's origin, at most 5 redirects, the
 * credential's Max Download Size.
 * @throws NodeApiError naming the link and what happened (HTTP status, no answer, size cap).
 */
export async function airudderDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex?: number,
): Promise<AirudderFile> {
	return await coreDownload(this, VOICE, url, itemIndex);
}
