import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { scrubText } from '../../helpers/scrub';
import { brokenConnectionCode, failureStatus, header } from '../retry';
import { getFollowingRedirects, originOf, requestHeaderSecrets } from '../safety';
import {
	connectionSettings,
	CREDENTIAL_TYPE,
	SECRET_HEADERS,
	type AirudderFile,
	type Readable,
} from './request';

/**
 * Streams a file from a link an answer gave (e.g. a recording URL). Redirects are followed by hand
 * (at most 5, http(s) only, see transport/safety.ts): the credential is sent only to hops on the
 * Base URL's origin, so a link that redirects to storage or another host never carries the token.
 * Each hop is a GET, retried like any read (retry.ts) until the answer's head arrives.
 * @throws NodeApiError naming the link and the HTTP status (after the retries); its `cause` holds
 *   only `{ message, code }`, scrubbed of the credential's values.
 */
export async function airudderDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex?: number,
): Promise<AirudderFile> {
	const { baseUrl, timeoutMs, secrets } = await connectionSettings.call(this);
	const sent = await getFollowingRedirects.call(this, url, {
		credentialType: CREDENTIAL_TYPE,
		trustedOrigin: originOf(baseUrl) ?? baseUrl,
		timeoutMs,
	});
	if ('failure' in sent) {
		// A fresh error: n8n's own (a NodeApiError already) would keep its generic message.
		const status = failureStatus(sent.failure);
		const broken = brokenConnectionCode(sent.failure);
		const all = [...secrets, ...requestHeaderSecrets(sent.failure, SECRET_HEADERS)];
		throw new NodeApiError(
			this.getNode(),
			{
				message: scrubText((sent.failure as Error).message ?? 'Request failed', all),
				code: broken ?? null,
			} as JsonObject,
			{
				message: scrubText(
					`Downloading ${sent.url} failed${status ? ` with HTTP ${status}` : broken ? ` (${broken})` : ''}`,
					all,
				),
				httpCode: status ? String(status) : undefined,
				itemIndex,
			},
		);
	}
	const response = sent.answer;
	return {
		stream: response.body as Readable,
		mimeType: header(response.headers, 'content-type') ?? 'application/octet-stream',
		contentDisposition: header(response.headers, 'content-disposition'),
	};
}
