/**
 * The request core: every AIRudder API group (voice, chatbot, Predictive Dialer, QA...) sends its
 * requests through {@link coreRequest} / {@link coreFetch} / `coreDownload` (download.ts), and
 * signs in through `signIn` (signIn.ts) from its credential's `preAuthentication`.
 *
 * The core owns what must be the same everywhere: the connection settings (Base URL, Request
 * Timeout: connection.ts), redirects refused, retries of reads (`endpoint.idempotent`, retry.ts),
 * the hand-followed download with its size cap, and the errors: one vocabulary (vocabulary.ts),
 * scrubbed at error time on the full text, before any cut, of the credential's values as they are
 * then (n8n writes a token fetched during the request into the credential object it was handed).
 *
 * How an API group plugs in: an adapter (e.g. `transport/voice/request.ts`) defines one
 * {@link ApiGroup} and wraps `coreRequest` in its public function:
 * - `credentialType`: the n8n credential (its `authenticate` adds the headers; its
 *   `preAuthentication` calls `signIn` with the group's URL, body and token path);
 * - `label`: who answered, in every message (`AIRudder`, `AIRudder PDS`, `AIRudder QA`);
 * - `secretFields` / `secretHeaders`: the credential fields and request headers scrubbed from
 *   errors (the token field included, e.g. `sessionToken`);
 * - `accept` (the envelope judge): the payload of a successful answer, or undefined;
 * - `explain`: AIRudder's code, own message and the code's meaning (the group's code table) in a
 *   failed answer, or a whole sentence of the group's own;
 * - optional `encode` / `decode` (e.g. AES) and `headers` sent with every request.
 * Endpoint tables (`transport/<group>/endpoints.ts`) give each entry an explicit `idempotent`.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { credentialOptions, runCredentials } from '../credentials';
import type { AirudderEndpoint } from '../endpoint';
import { header, withRetries } from '../retry';
import {
	bodyText,
	failedAnswer,
	fileOf,
	isRedirectStatus,
	isStream,
	parseJson,
	readText,
	type AirudderFile,
	type Headers,
	type Parsed,
	type RawAnswer,
} from './answers';
import { baseUrlOf, timeoutSecondsOf } from './connection';
import { answerError, noAnswerError, redirectError } from './errors';
import { signInFailure } from './signIn';

export { coreError, isAmbiguousFailure } from './errors';

export type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** What a failed answer says, as the group reads it (from an answer already scrubbed). */
interface Explained {
	/** AIRudder's code in the answer, if any. */
	code?: unknown;
	/** AIRudder's own message (with e.g. the request_id), if any. */
	own?: string;
	/** What the code means (the group's code table), for the description. */
	meaning?: string;
	/** A whole sentence of the group's own for a 2xx answer refused by its code, if it words them. */
	message?: string;
}

/** One AIRudder API group on the core: see the file's comment. */
export interface ApiGroup<T> {
	credentialType: string;
	label: string;
	secretFields: readonly string[];
	secretHeaders: readonly string[];
	/** Messages start with "Item <i>: " (the Predictive Dialer's). */
	itemInMessage?: boolean;
	/** Headers sent with every request of the group. */
	headers?: IDataObject;
	encode?(
		options: IHttpRequestOptions,
		endpoint: AirudderEndpoint,
		plaintext: string,
		credentials: ICredentialDataDecryptedObject,
	): void;
	decode?(text: string, headers: Headers, credentials: ICredentialDataDecryptedObject): Parsed;
	accept(endpoint: AirudderEndpoint, parsed: Parsed): T | undefined;
	explain(endpoint: AirudderEndpoint, parsed: Parsed): Explained;
	/** Added to the description of every answer error (e.g. the AES key hint). */
	hint?(credentials: ICredentialDataDecryptedObject): string | undefined;
}

export interface CoreRequest {
	/** Query parameters (GET). */
	qs?: IDataObject;
	/** JSON body (POST). */
	body?: IDataObject;
	/** Extra headers (e.g. an endpoint's own credentials). */
	headers?: IDataObject;
	/** Item the request is for, named in errors. */
	itemIndex?: number;
}

function queryString(qs: IDataObject | undefined): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
	}
	return params.toString();
}

export interface Prepared {
	credentials: ICredentialDataDecryptedObject;
	options: IHttpRequestOptions;
	seconds: number;
}

async function prepare<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	request: CoreRequest,
	encoding: 'text' | 'stream',
): Promise<Prepared> {
	const credentials = await runCredentials.call(ctx, group.credentialType);
	const seconds = timeoutSecondsOf(credentials);
	const query = queryString(request.qs);
	const get = endpoint.method === 'GET';
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: baseUrlOf(credentials),
		url: get && query ? `${endpoint.path}?${query}` : endpoint.path,
		headers: { 'Content-Type': 'application/json', ...group.headers, ...request.headers },
		encoding,
		json: false,
		returnFullResponse: true,
		timeout: seconds * 1000,
		disableFollowRedirect: true,
	};
	const plaintext = get ? query : JSON.stringify(request.body ?? {});
	if (!get) options.body = plaintext;
	group.encode?.(options, endpoint, plaintext, credentials);
	return { credentials, options, seconds };
}

/**
 * Sends a prepared request with the group's credential (retried when the endpoint is idempotent)
 * and returns the answer: a success, or an HTTP error's answer (to be judged). Throws the error
 * of a redirect, a failed sign-in or a request without an answer.
 */
async function send<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	prepared: Prepared,
	itemIndex: number | undefined,
): Promise<{ answer: RawAnswer; failure?: unknown }> {
	const credential = await credentialOptions.call(ctx, group.credentialType);
	const sent = await withRetries(
		endpoint.idempotent,
		async () =>
			(await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				group.credentialType,
				prepared.options,
				credential,
			)) as RawAnswer,
	);
	const answer = 'failure' in sent ? failedAnswer(sent.failure) : sent.answer;
	const failure = 'failure' in sent ? sent.failure : undefined;
	// A 2xx that still failed broke off mid-answer (the head arrived, the body did not).
	if (
		!answer ||
		(failure !== undefined && answer.statusCode < 300) ||
		signInFailure(failure) !== undefined
	)
		throw noAnswerError(ctx, group, endpoint, prepared, failure, itemIndex);
	if (isRedirectStatus(answer.statusCode))
		throw redirectError(ctx, group, endpoint, answer, itemIndex);
	return { answer, failure };
}

async function judge<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	prepared: Prepared,
	sent: { answer: RawAnswer; failure?: unknown },
	itemIndex: number | undefined,
): Promise<T> {
	const { answer, failure } = sent;
	const text = isStream(answer.body) ? await readText(answer.body) : bodyText(answer.body);
	const parsed = group.decode
		? group.decode(text, answer.headers, prepared.credentials)
		: parseJson(text);
	const ok = answer.statusCode >= 200 && answer.statusCode < 300;
	const payload = ok && !parsed.unreadable ? group.accept(endpoint, parsed) : undefined;
	if (payload !== undefined) return payload;
	throw answerError(
		ctx,
		group,
		endpoint,
		{ status: answer.statusCode, parsed },
		prepared.credentials,
		failure,
		itemIndex,
	);
}

/**
 * Sends one request of an API group and returns the payload its `accept` reads from a success.
 * GET sends `qs` as the query string, POST `body` as JSON (both through the group's `encode`).
 *
 * @throws NodeApiError (see vocabulary.ts): an HTTP error answer ("<label> answered <method>
 *   <path> with HTTP 503, code 503: busy"), a refused code under HTTP 200, an answer that is not
 *   JSON (a 200-character excerpt), a refused redirect naming its host, no answer within the
 *   Request Timeout, a refused connection naming the origin, a refused sign-in with its code.
 */
export async function coreRequest<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	request: CoreRequest = {},
): Promise<T> {
	const prepared = await prepare(ctx, group, endpoint, request, 'text');
	const sent = await send(ctx, group, endpoint, prepared, request.itemIndex);
	return await judge(ctx, group, endpoint, prepared, sent, request.itemIndex);
}

function isJsonLike(headers: Headers): boolean {
	const type = (header(headers, 'content-type') ?? '').toLowerCase();
	return (
		header(headers, 'Is-Encrypted') === '1' || type.includes('json') || type.startsWith('text/')
	);
}

/**
 * Like {@link coreRequest}, for endpoints that may answer either with an envelope or with a file
 * (the answer is streamed; only a JSON/text answer, at most 1 MiB, is read and judged). Idempotent
 * endpoints are retried until an answer's head arrives.
 * @returns `{ json }` (the accepted payload) or `{ file }` for anything else (audio, zip...).
 */
export async function coreFetch<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	request: CoreRequest = {},
): Promise<{ json: T } | { file: AirudderFile }> {
	const prepared = await prepare(ctx, group, endpoint, request, 'stream');
	const sent = await send(ctx, group, endpoint, prepared, request.itemIndex);
	const ok = sent.answer.statusCode >= 200 && sent.answer.statusCode < 300;
	if (ok && !isJsonLike(sent.answer.headers)) return { file: fileOf(sent.answer) };
	return { json: await judge(ctx, group, endpoint, prepared, sent, request.itemIndex) };
}
