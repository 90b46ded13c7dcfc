import type {
	BinaryHelperFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { envelopeMessage, excerpt } from '../../helpers/errors';
import { credentialOptions, runCredentials } from '../credentials';
import type { AirudderEndpoint } from '../endpoint';
import { brokenConnectionCode, failureStatus, header, withRetries } from '../retry';
import { getFollowingRedirects, originOf } from '../safety';
import { PDS_CREDENTIAL_TYPE } from './endpoints';
import { describePdsCode } from './errors';

/** Node's `stream.Readable`, as n8n-workflow types binary data (shipped code imports only n8n-workflow). */
type Readable = Exclude<Parameters<BinaryHelperFunctions['prepareBinaryData']>[0], Buffer>;

/** Default time-out of one request in s (the production client uses 120 s). */
export const PDS_DEFAULT_TIMEOUT_SECONDS = 120;

interface PdsConnection {
	baseUrl: string;
	timeoutMs: number;
}

async function connection(this: IExecuteFunctions): Promise<PdsConnection> {
	const credentials = await runCredentials.call(this, PDS_CREDENTIAL_TYPE);
	const seconds = Number(credentials.timeout);
	return {
		baseUrl: String(credentials.baseUrl || 'https://api.airudder.com').replace(/\/+$/, ''),
		timeoutMs: (seconds > 0 ? seconds : PDS_DEFAULT_TIMEOUT_SECONDS) * 1000,
	};
}

interface RawResponse {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Parses an answer body into a JSON object, or undefined (HTML, truncated text, arrays...). */
function parseObject(body: unknown): { json?: IDataObject; text: string } {
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: JSON.stringify(body ?? '');
	try {
		const parsed = JSON.parse(text) as unknown;
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
			return { json: parsed as IDataObject, text };
	} catch {
		// not JSON: reported with an excerpt
	}
	return { text };
}

/**
 * The error for one failed PDS call (pure apart from the node): the PDS code's meaning from the
 * table (`describePdsCode`), prefixed with the item, and where it happened. Only AIRudder's answer
 * travels on (never the request, which carries the token).
 */
export function pdsApiError(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	status: number | undefined,
	parsed: { json?: IDataObject; text: string },
	itemIndex?: number,
): NodeApiError {
	const where = `${endpoint.method} ${endpoint.path}`;
	const item = itemIndex !== undefined ? `Item ${itemIndex}: ` : '';
	let message: string;
	if (status !== undefined && status >= 300 && parsed.json?.code === undefined) {
		message = `${item}AIRudder PDS answered ${where} with HTTP ${status}${status === 401 ? ' (the token was refused even after signing in again: check the APPKey/APPSecret and Base URL)' : ''}${status >= 300 && status < 400 ? ' (redirects are not followed: check the Base URL)' : ''}${parsed.json || !parsed.text.trim() ? '' : `: ${excerpt(parsed.text)}`}`;
	} else if (!parsed.json) {
		message = `${item}AIRudder PDS answered ${where} with something that is not JSON${status ? ` (HTTP ${status})` : ''}: ${excerpt(parsed.text) || '(empty body)'}`;
	} else {
		message = `${item}${describePdsCode(parsed.json.code, envelopeMessage(parsed.json))}`;
	}
	const own = parsed.json ? envelopeMessage(parsed.json) : undefined;
	return new NodeApiError(
		this.getNode(),
		(parsed.json ?? { body: excerpt(parsed.text) }) as JsonObject,
		{
			message,
			description: [
				`${where}${status ? ` answered HTTP ${status}` : ''}`,
				own ? `AIRudder's message: ${own}` : undefined,
				`Source: ${endpoint.docUrl}`,
			]
				.filter(Boolean)
				.join('. '),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex,
		},
	);
}

/** Turns a thrown HTTP failure (after the retries) into a NodeApiError without the request config. */
function errorFromFailure(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	failure: unknown,
	itemIndex?: number,
): NodeApiError {
	const broken = brokenConnectionCode(failure);
	const status = failureStatus(failure);
	const error = failure as JsonObject;
	const response = ((error.cause as JsonObject | undefined)?.response ?? error.response) as
		| { body?: unknown; data?: unknown }
		| undefined;
	const body = response?.body ?? response?.data;
	if (status !== undefined && body !== undefined && typeof body !== 'object') {
		return pdsApiError.call(this, endpoint, status, parseObject(body), itemIndex);
	}
	if (status !== undefined) {
		const json = body && typeof body === 'object' && !Buffer.isBuffer(body) ? body : undefined;
		return pdsApiError.call(
			this,
			endpoint,
			status,
			json ? { json: json as IDataObject, text: '' } : parseObject(body ?? ''),
			itemIndex,
		);
	}
	const reason = broken ?? (error.message as string | undefined) ?? 'no answer';
	return new NodeApiError(
		this.getNode(),
		// no `code`: n8n would replace the message with its generic sentence for that code
		{ message: String(error.message ?? 'Request failed') } as JsonObject,
		{
			// the code stays out of the message: n8n would swap a message naming it for its generic one
			message: `${itemIndex !== undefined ? `Item ${itemIndex}: ` : ''}The connection to AIRudder PDS failed, timed out (Request Timeout of the credential) or broke off during ${endpoint.method} ${endpoint.path}`,
			description: `${reason}. Source: ${endpoint.docUrl}`,
			itemIndex,
		},
	);
}

/**
 * Sends one PDS call with the `airudderPdsApi` credential and returns the envelope's `body`
 * (an object for most calls, an array of numbers for canceltaskcontacts).
 *
 * - JSON body (`Content-Type: application/json`), `Authorization: Token <token>` added by the
 *   credential; n8n signs in again once (preAuthentication) when a call answers HTTP 401.
 * - The credential's Request Timeout applies to every attempt; redirects are never followed
 *   (a redirect would carry the token to another host).
 * - Reads (`endpoint.idempotent`: task list, call records, recording link) are retried on
 *   429/5xx/broken connections (transport/retry.ts); writes never are.
 *
 * Source: shared/airudder-api/pds.openapi.yaml (`x-conventions`).
 * @returns the envelope's `body` (`{}` when it has none).
 * @throws NodeApiError "Item i: AIRudder PDS error <code>: <message> — <description>" when `code`
 *   is not 0 (also under HTTP 200), on HTTP errors, with an excerpt when the answer is not JSON.
 *   Credential values never appear in it.
 */
export async function pdsRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject | unknown[]> {
	const { baseUrl, timeoutMs } = await connection.call(this);
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: baseUrl,
		url: endpoint.path,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		timeout: timeoutMs,
		disableFollowRedirect: true,
	};
	const sent = await withRetries(
		endpoint.idempotent,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				PDS_CREDENTIAL_TYPE,
				options,
				await credentialOptions.call(this, PDS_CREDENTIAL_TYPE),
			)) as RawResponse,
	);
	if ('failure' in sent) throw errorFromFailure.call(this, endpoint, sent.failure, itemIndex);
	const parsed = parseObject(sent.answer.body);
	if (!parsed.json || parsed.json.code === undefined || Number(parsed.json.code) !== 0) {
		throw pdsApiError.call(this, endpoint, sent.answer.statusCode, parsed, itemIndex);
	}
	const payload = parsed.json.body;
	if (Array.isArray(payload)) return payload;
	return payload && typeof payload === 'object' ? (payload as IDataObject) : {};
}

/** A file streamed from a link: not read yet. */
export interface PdsFile {
	stream: Readable;
	mimeType: string;
	contentDisposition?: string;
}

/**
 * Streams a file from a link a PDS answer gave (a recording). Redirects are followed by hand, as
 * for the voice API's recordings (at most 5, http(s) only, transport/safety.ts): the credential is
 * sent only to hops on the Base URL's origin, so a link that redirects to storage or a CDN never
 * carries the token there. Each hop is a GET, retried like any read (retry.ts) until the answer's
 * head arrives.
 * @throws NodeApiError on HTTP errors (after the retries), naming the item and the link.
 */
export async function pdsDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<PdsFile> {
	const { baseUrl, timeoutMs } = await connection.call(this);
	const sent = await getFollowingRedirects.call(this, url, {
		credentialType: PDS_CREDENTIAL_TYPE,
		trustedOrigin: originOf(baseUrl) ?? baseUrl,
		timeoutMs,
	});
	if ('failure' in sent) {
		const status = failureStatus(sent.failure);
		const broken = brokenConnectionCode(sent.failure);
		throw new NodeApiError(
			this.getNode(),
			{ message: (sent.failure as Error).message ?? 'Request failed' },
			{
				message: `Item ${itemIndex}: downloading the recording ${sent.url} failed${status ? ` with HTTP ${status}` : broken ? ': the connection failed, timed out or broke off' : ''}`,
				description: broken,
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
