import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { headerSecrets, scrubText, secretValues } from '../../helpers/scrub';
import { credentialOptions, runCredentials } from '../credentials';
import { header, withRetries, type Sent } from '../retry';
import {
	discard,
	failedAnswer,
	fileOf,
	isRedirectStatus,
	type AirudderFile,
	type RawAnswer,
} from './answers';
import { baseUrlOf, maxDownloadBytesOf, originOf, timeoutSecondsOf } from './connection';
import { coreError } from './errors';
import type { ApiGroup } from './request';
import { failureCode, noAnswerKind, noAnswerReason, redirectRefusedMessage } from './vocabulary';

/** At most this many redirects are followed for one file download. */
const MAX_DOWNLOAD_REDIRECTS = 5;

/** A redirect answer's `Location`, resolved against the URL that answered it, or undefined. */
function redirectTarget(answer: RawAnswer, from: string): URL | undefined {
	if (!isRedirectStatus(answer.statusCode)) return undefined;
	const location = header(answer.headers, 'location');
	if (!location) return undefined;
	try {
		return new URL(location, from);
	} catch {
		return undefined;
	}
}

/** Sends one hop: with the credential on the Base URL's origin, as a plain request elsewhere. */
async function hop<T>(
	this: IExecuteFunctions,
	group: ApiGroup<T>,
	url: string,
	trusted: boolean,
	timeoutMs: number,
): Promise<Sent<RawAnswer>> {
	const request: IHttpRequestOptions = {
		url,
		method: 'GET',
		encoding: 'stream',
		returnFullResponse: true,
		json: false,
		timeout: timeoutMs,
		disableFollowRedirect: true,
	};
	const credential = trusted ? await credentialOptions.call(this, group.credentialType) : undefined;
	return await withRetries(true, async () => {
		const sending = (
			trusted
				? this.helpers.httpRequestWithAuthentication.call(
						this,
						group.credentialType,
						request,
						credential,
					)
				: this.helpers.httpRequest(request)
		) as Promise<RawAnswer>;
		// With redirects off a 3xx is thrown: it becomes an answer, to be followed by hand.
		return await sending.catch((failure: unknown) => {
			const answer = failedAnswer(failure);
			if (answer && isRedirectStatus(answer.statusCode)) return answer;
			return Promise.reject(failure);
		});
	});
}

/**
 * Fails a file's stream once more than `max` bytes went by. A `data` listener sees every chunk
 * whatever way n8n reads the stream; the stream is paused again at once, so nothing flows before
 * n8n reads it.
 */
function capped(file: AirudderFile, max: number, refusal: string): AirudderFile {
	let size = 0;
	file.stream.on('data', (chunk: Buffer | string) => {
		size += chunk.length;
		if (size > max) file.stream.destroy(new Error(refusal));
	});
	file.stream.pause();
	return file;
}

/**
 * Streams a file from a link an answer gave (a recording), for any API group. Redirects are
 * followed by hand (at most 5, http(s) only): each hop is sent with n8n's redirects off, with the
 * credential only while the hop's origin is the Base URL's (a storage or CDN host never sees the
 * token). Each hop is a read, retried as retry.ts says, until the answer's head arrives. A file
 * larger than the credential's Max Download Size (default 200 MB) is refused: up front when its
 * `Content-Length` says so, else when the stream passes the cap (n8n then fails storing it).
 * @throws NodeApiError "Downloading <url> failed: HTTP 404" / "...: no answer within 3 s (Request
 *   Timeout)" / a refused redirect / the size cap; scrubbed of the credential's values.
 */
export async function coreDownload<T>(
	ctx: IExecuteFunctions,
	group: ApiGroup<T>,
	url: string,
	itemIndex?: number,
): Promise<AirudderFile> {
	const credentials = await runCredentials.call(ctx, group.credentialType);
	const trustedOrigin = originOf(baseUrlOf(credentials));
	const seconds = timeoutSecondsOf(credentials);
	const max = maxDownloadBytesOf(credentials);
	const prefix = group.itemInMessage && itemIndex !== undefined ? `Item ${itemIndex}: ` : '';
	const fail = (current: string, reason: string, failure: unknown, httpCode?: number) => {
		const secrets = [
			...secretValues(group.secretFields.map((field) => credentials[field])),
			...headerSecrets(failure, group.secretHeaders),
		];
		return coreError(ctx, scrubText(`${prefix}Downloading ${current} failed: ${reason}`, secrets), {
			description: failureCode(failure),
			httpCode,
			itemIndex,
			definite: true,
		});
	};
	let current = url;
	for (let hops = 0; ; hops++) {
		const sent = await hop.call(
			ctx,
			group,
			current,
			originOf(current) === trustedOrigin,
			seconds * 1000,
		);
		if ('failure' in sent) {
			const answer = failedAnswer(sent.failure);
			if (answer) {
				discard(answer.body);
				throw fail(current, `HTTP ${answer.statusCode}`, sent.failure, answer.statusCode);
			}
			throw fail(
				current,
				noAnswerReason(noAnswerKind(sent.failure), current, seconds),
				sent.failure,
			);
		}
		const answer = sent.answer;
		const next = redirectTarget(answer, current);
		if (!next) {
			const length = Number(header(answer.headers, 'content-length'));
			const refusal = `the file is larger than the Max Download Size of ${max / 1024 / 1024} MB`;
			if (Number.isFinite(length) && length > max) {
				discard(answer.body);
				throw fail(current, refusal, undefined);
			}
			return capped(fileOf(answer), max, `${prefix}Downloading ${current} failed: ${refusal}`);
		}
		discard(answer.body);
		if (hops >= MAX_DOWNLOAD_REDIRECTS || !/^https?:$/.test(next.protocol))
			throw fail(
				current,
				redirectRefusedMessage('the link', answer.statusCode, next.toString()),
				undefined,
				answer.statusCode,
			);
		current = next.toString();
	}
}
