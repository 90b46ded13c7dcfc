import type { IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import { secretValues } from '../helpers/scrub';
import { credentialOptions } from './credentials';
import { failedResponse, failureStatus, header, withRetries, type Sent } from './retry';

/**
 * Safety pieces every AIRudder transport shares (voice, chatbot, and any later API group):
 * credentials never leave the credential's Base URL origin.
 *
 * n8n follows redirects by default and re-sends `Authorization` (and any other header) to the
 * redirect's host. Every authenticated request and every sign-in therefore spreads
 * {@link NO_REDIRECTS} into its options: a 3xx answer comes back as a failure (or as the answer,
 * with `ignoreHttpStatusErrors`) and nothing is sent to the `Location`. Files are the exception:
 * {@link getFollowingRedirects} follows their redirects by hand, authenticating only hops on the
 * Base URL's origin.
 */

/** Request options that turn off n8n's automatic redirect following (spread into every request). */
export const NO_REDIRECTS: Pick<IHttpRequestOptions, 'disableFollowRedirect'> = {
	disableFollowRedirect: true,
};

/** At most this many redirects are followed for one file download. */
export const MAX_DOWNLOAD_REDIRECTS = 5;

/** Whether an HTTP status is a redirect that carries a `Location`. */
export function isRedirectStatus(status: number | undefined): boolean {
	return status !== undefined && [301, 302, 303, 307, 308].includes(status);
}

/** A redirect answer's `Location`, resolved against the URL that answered it, or undefined. */
export function redirectTarget(
	status: number | undefined,
	headers: Record<string, string | string[] | undefined> | undefined,
	from: string,
): URL | undefined {
	if (!isRedirectStatus(status)) return undefined;
	const location = header(headers, 'location');
	if (!location) return undefined;
	try {
		return new URL(location, from);
	} catch {
		return undefined;
	}
}

/** The origin of a URL (`scheme://host:port`), or undefined when it is not an absolute URL. */
export function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/**
 * The sentence for a request that AIRudder answered with a redirect, which was not followed (its
 * target host is named, never the request's headers).
 */
export function redirectRefusedMessage(what: string, status: number, location?: string): string {
	const where = location ? ` to ${originOf(location) ?? 'another address'}` : '';
	return `${what} was answered with a redirect (HTTP ${status})${where}. Redirects are not followed, so that credentials are never sent to another host: check the credential's Base URL.`;
}

/** The secrets of a failed request's own headers (n8n adds the credential's there), for scrubbing. */
export function requestHeaderSecrets(error: unknown, names: readonly string[]): string[] {
	const config = ((error as JsonObject | undefined)?.config ??
		((error as JsonObject | undefined)?.cause as JsonObject | undefined)?.config) as
		| { headers?: Record<string, unknown> }
		| undefined;
	const headers = config?.headers ?? {};
	const wanted = names.map((name) => name.toLowerCase());
	return secretValues(
		Object.entries(headers)
			.filter(([name]) => wanted.includes(name.toLowerCase()))
			.map(([, value]) => value),
	);
}

/** One streamed answer of a download. */
export interface DownloadAnswer {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Where a download's redirects stop, and how each hop is sent. */
export interface DownloadOptions {
	/** Credential sent (by n8n) only to hops on `trustedOrigin`. */
	credentialType: string;
	/** The credential's Base URL origin, e.g. `https://api.airudder.com`. */
	trustedOrigin: string;
	/** Time-out of one hop (a wait without data), in ms. */
	timeoutMs: number;
}

/** What `getFollowingRedirects` ends with: `withRetries`' result for the last hop, and its URL. */
export type DownloadResult = Sent<DownloadAnswer> & { url: string };

/**
 * GETs a file (streamed), following up to {@link MAX_DOWNLOAD_REDIRECTS} redirects by hand: each
 * hop is sent with n8n's redirects off, with the credential only while the hop's origin is the
 * Base URL's (a plain request otherwise: a storage or CDN host never sees the token), and only to
 * http(s) targets. Each hop is a read, retried as retry.ts says. Never throws for HTTP failures:
 * the last hop's failure is returned for the caller to word.
 */
export async function getFollowingRedirects(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions,
): Promise<DownloadResult> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const request: IHttpRequestOptions = {
			url: current,
			method: 'GET',
			encoding: 'stream',
			returnFullResponse: true,
			json: false,
			timeout: options.timeoutMs,
			...NO_REDIRECTS,
		};
		const trusted = originOf(current) === options.trustedOrigin;
		const credential = trusted
			? await credentialOptions.call(this, options.credentialType)
			: undefined;
		const sent = await withRetries(true, async () => {
			const sending = (
				trusted
					? this.helpers.httpRequestWithAuthentication.call(
							this,
							options.credentialType,
							request,
							credential,
						)
					: this.helpers.httpRequest(request)
			) as Promise<DownloadAnswer>;
			// With redirects off a 3xx is thrown: it becomes an answer, to be followed below. Any other
			// failure goes on to withRetries, which returns it for the caller to word as a NodeApiError.
			return await sending.catch((failure: unknown) => {
				const response = failedResponse(failure);
				const status = failureStatus(failure);
				if (isRedirectStatus(status) && response)
					return {
						statusCode: status!,
						headers: response.headers ?? {},
						body: response.body ?? response.data,
					} as DownloadAnswer;
				return Promise.reject(failure);
			});
		});
		if ('failure' in sent) return { ...sent, url: current };
		const next = redirectTarget(sent.answer.statusCode, sent.answer.headers, current);
		if (!next) return { ...sent, url: current };
		discard(sent.answer.body);
		if (hop >= MAX_DOWNLOAD_REDIRECTS || !/^https?:$/.test(next.protocol)) {
			return {
				failure: Object.assign(
					new Error(redirectRefusedMessage(`GET ${current}`, sent.answer.statusCode)),
					{
						httpCode: String(sent.answer.statusCode),
					},
				),
				url: current,
			};
		}
		current = next.toString();
	}
}

function discard(body: unknown): void {
	if (body && typeof (body as { destroy?: unknown }).destroy === 'function')
		(body as { destroy(): void }).destroy();
}
