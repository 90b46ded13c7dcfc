import type {
	BinaryHelperFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { aesDecrypt, aesEncrypt, aesSignature } from '../../helpers/aes';
import { describeAnswer, excerpt, type ParsedAnswer as Parsed } from '../../helpers/errors';
import { scrubJson, scrubText, secretValues } from '../../helpers/scrub';
import { credentialOptions, runCredentials } from '../credentials';
import type { AirudderEndpoint } from './endpoints';
import { brokenConnectionCode, header, withRetries } from '../retry';
import {
	isRedirectStatus,
	NO_REDIRECTS,
	redirectRefusedMessage,
	requestHeaderSecrets,
} from '../safety';

/** Node's `stream.Readable`, as n8n-workflow types binary data (shipped code imports only n8n-workflow). */
export type Readable = Exclude<Parameters<BinaryHelperFunctions['prepareBinaryData']>[0], Buffer>;

export const CREDENTIAL_TYPE = 'airudderApi';

/** Default time-out of one request in s (a 10,000-contact task creation can take a while). */
const DEFAULT_TIMEOUT_SECONDS = 120;

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface AirudderRequest {
	/** Query parameters (GET). */
	qs?: IDataObject;
	/** JSON body (POST). */
	body?: IDataObject;
	/** Extra headers (e.g. an endpoint's own credentials). */
	headers?: IDataObject;
	/** Item the request is for, named in errors. */
	itemIndex?: number;
}

/** The success code an answer carries, in the field the endpoint uses (`code` by default). */
function answerCode(endpoint: AirudderEndpoint, json: IDataObject): unknown {
	return json[endpoint.codeField ?? 'code'];
}

interface ConnectionSettings {
	baseUrl: string;
	aesKey?: string;
	/** Time-out of one request (one attempt), in ms. */
	timeoutMs: number;
	/** The credential's secret values, scrubbed from every error (see helpers/scrub.ts). */
	secrets: string[];
}

/** Credential fields whose values never appear in an error. */
const SECRET_FIELDS = ['appKey', 'appSecret', 'sessionToken', 'aesSecretKey', 'processToken'];
/** Request headers whose values (the token, the Process API token) never appear in an error. */
export const SECRET_HEADERS = ['authorization', 'token', 'tenantid'];

/** The credential's connection settings (Base URL without trailing slash, AES key, time-out, secrets). */
export async function connectionSettings(this: Context): Promise<ConnectionSettings> {
	const credentials = await runCredentials.call(this, CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || 'https://api.airudder.com').replace(/\/+$/, '');
	const aesKey = credentials.encrypt === true ? String(credentials.aesSecretKey ?? '') : undefined;
	const seconds = Number(credentials.timeout);
	const timeoutMs = (seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
	const secrets = secretValues(SECRET_FIELDS.map((field) => credentials[field]));
	return { baseUrl, aesKey, timeoutMs, secrets };
}

function queryString(qs: IDataObject | undefined): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
	}
	return params.toString();
}

/** Builds the HTTP request; in AES mode the query string or body is replaced by its ciphertext. */
function buildRequest(
	endpoint: AirudderEndpoint,
	request: AirudderRequest,
	settings: ConnectionSettings,
	encoding: 'text' | 'stream' = 'text',
): IHttpRequestOptions {
	const query = queryString(request.qs);
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: settings.baseUrl,
		url: endpoint.path,
		headers: { 'Content-Type': 'application/json', 'User-Agent': 'Airudder', ...request.headers },
		encoding,
		json: false,
		returnFullResponse: true,
		timeout: settings.timeoutMs,
		...NO_REDIRECTS,
	};
	const plaintext = endpoint.method === 'GET' ? query : JSON.stringify(request.body ?? {});
	if (settings.aesKey !== undefined) {
		const ciphertext = aesEncrypt(plaintext, settings.aesKey);
		options.headers = { ...options.headers, 'Is-Encrypted': '1', Signed: aesSignature(plaintext) };
		// The docs send the raw base64 as the whole query string, without a parameter name.
		if (endpoint.method === 'GET') options.url = `${endpoint.path}?${ciphertext}`;
		// A Buffer is sent as it is; a string body that is not JSON would be JSON-quoted by n8n.
		else options.body = Buffer.from(ciphertext, 'utf8');
	} else if (endpoint.method === 'GET') {
		if (query) options.url = `${endpoint.path}?${query}`;
	} else {
		options.body = plaintext;
	}
	return options;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Decrypts (when marked `Is-Encrypted: 1`) and parses an answer; `undefined` if it is not JSON. */
function parseBody(
	body: unknown,
	headers: RawResponse['headers'] | undefined,
	aesKey: string | undefined,
): Parsed {
	let text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: JSON.stringify(body ?? '');
	if (aesKey !== undefined && header(headers, 'Is-Encrypted') === '1') {
		try {
			text = aesDecrypt(text, aesKey);
		} catch {
			return { text, aes: 'undecryptable' };
		}
	}
	const aes = aesKey !== undefined ? ('on' as const) : undefined;
	try {
		const json = JSON.parse(text) as unknown;
		if (typeof json === 'object' && json !== null) return { json: json as IDataObject, text, aes };
	} catch {
		// not JSON
	}
	return { text, aes };
}

function apiError(
	this: Context,
	endpoint: AirudderEndpoint,
	status: number | undefined,
	parsed: Parsed,
	secrets: string[],
	itemIndex?: number,
): NodeApiError {
	const code = parsed.json ? answerCode(endpoint, parsed.json) : undefined;
	const { message, known } = describeAnswer(
		`${endpoint.method} ${endpoint.path}`,
		parsed,
		code,
		status,
	);
	// AIRudder's own words may echo what it received (headers, the body): scrubbed of every secret.
	return new NodeApiError(
		this.getNode(),
		scrubJson(parsed.json ?? { body: excerpt(parsed.text) }, secrets) as JsonObject,
		{
			message: scrubText(message, secrets),
			description: [known, `Doc: ${endpoint.docUrl}`].filter(Boolean).join('. '),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex,
		},
	);
}

/** The parsed answer when its code is the endpoint's success code; else throws `apiError`. */
function envelope(
	this: Context,
	endpoint: AirudderEndpoint,
	status: number,
	parsed: Parsed,
	settings: ConnectionSettings,
	itemIndex?: number,
): IDataObject {
	if (!parsed.json || Number(answerCode(endpoint, parsed.json)) !== endpoint.successCode)
		throw apiError.call(this, endpoint, status, parsed, settings.secrets, itemIndex);
	return parsed.json;
}

/**
 * Sends one request to AIRudder with the `airudderApi` credential and returns the parsed envelope
 * (`{data, status, code}` — or whatever JSON object the endpoint answers).
 *
 * - Auth: n8n's `httpRequestWithAuthentication`; the token is fetched by the credential's
 *   `preAuthentication` once and refreshed once on HTTP 401.
 * - AES (credential option): query/body encrypted, `Is-Encrypted`/`Signed` headers, answers
 *   decrypted. See helpers/aes.ts.
 * - Reads (`endpoint.idempotent`) are retried up to 2 times on 429/5xx/time-outs with
 *   exponential back-off from 500 ms, honouring `Retry-After` (seconds, capped at 30 s): see
 *   retry.ts. Writes are never retried.
 *
 * @throws NodeApiError naming AIRudder's code and message when the body's `code` is not
 *   `endpoint.successCode` (AIRudder answers some failures with HTTP 200), on HTTP errors, and
 *   with a 200-character excerpt when the answer is not JSON (HTML, truncated text).
 */
export async function airudderApiRequest(
	this: Context,
	endpoint: AirudderEndpoint,
	request: AirudderRequest = {},
): Promise<IDataObject> {
	const settings = await connectionSettings.call(this);
	const options = buildRequest(endpoint, request, settings);
	const response = await send.call(this, endpoint, options, settings, request.itemIndex);
	const parsed = parseBody(response.body, response.headers, settings.aesKey);
	return envelope.call(this, endpoint, response.statusCode, parsed, settings, request.itemIndex);
}

/**
 * Sends a built request with the credential, retrying it when the endpoint is idempotent (retry.ts).
 * @throws NodeApiError (errorFromFailure) when the last attempt failed.
 */
async function send(
	this: Context,
	endpoint: AirudderEndpoint,
	options: IHttpRequestOptions,
	settings: ConnectionSettings,
	itemIndex: number | undefined,
): Promise<RawResponse> {
	const credential = await credentialOptions.call(this, CREDENTIAL_TYPE);
	const sent = await withRetries(
		endpoint.idempotent,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				credential,
			)) as RawResponse,
	);
	if ('failure' in sent)
		throw await errorFromFailure.call(
			this,
			endpoint,
			sent.failure as JsonObject,
			settings,
			itemIndex,
		);
	return sent.answer;
}

/**
 * Turns a thrown HTTP failure into a NodeApiError that carries AIRudder's code/message. The new
 * error's `cause` is only `{ message, code }` (scrubbed): n8n's own error keeps the request
 * config, whose headers hold the token.
 */
async function errorFromFailure(
	this: Context,
	endpoint: AirudderEndpoint,
	error: JsonObject,
	settings: ConnectionSettings,
	itemIndex?: number,
): Promise<NodeApiError> {
	const secrets = [...settings.secrets, ...requestHeaderSecrets(error, SECRET_HEADERS)];
	const where = `${endpoint.method} ${endpoint.path}`;
	const cause = (error.cause ?? error) as JsonObject;
	const bare = {
		message: scrubText(String(cause.message ?? error.message ?? 'Request failed'), secrets),
		code: brokenConnectionCode(error) ?? (typeof cause.code === 'string' ? cause.code : null),
	} as JsonObject;
	const response = (cause.response ?? error.response) as unknown as
		| (RawResponse & { data?: unknown; status?: number })
		| undefined;
	const status = Number(response?.statusCode ?? response?.status ?? error.httpCode) || undefined;
	if (isRedirectStatus(status)) {
		if (isStream(response?.body)) response.body.destroy();
		return new NodeApiError(this.getNode(), bare, {
			message: redirectRefusedMessage(
				`AIRudder's ${where}`,
				status!,
				header(response?.headers, 'location'),
			),
			description: `Doc: ${endpoint.docUrl}`,
			httpCode: String(status),
			itemIndex,
		});
	}
	const broken = brokenConnectionCode(error);
	if (broken) {
		// No complete answer: no HTTP code is set, so a failed write counts as ambiguous.
		return new NodeApiError(this.getNode(), bare, {
			message: `The connection to AIRudder failed or broke off during ${where} (${broken})`,
			description: `Doc: ${endpoint.docUrl}`,
			itemIndex,
		});
	}
	let body = response?.body ?? response?.data;
	if (isStream(body)) body = await readText(body);
	if (body === undefined) {
		return new NodeApiError(this.getNode(), bare, {
			message: `AIRudder ${where} failed: ${bare.message as string}`,
			description: `Doc: ${endpoint.docUrl}`,
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex,
		});
	}
	return apiError.call(
		this,
		endpoint,
		status,
		parseBody(body, response?.headers, settings.aesKey),
		secrets,
		itemIndex,
	);
}

/** Answers are read whole only up to this size when they turn out to be JSON (1 MiB). */
const MAX_JSON_BYTES = 1024 * 1024;

function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function'
	);
}

async function readText(stream: Readable, limit = MAX_JSON_BYTES): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > limit) {
			stream.destroy();
			break;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** A file AIRudder answered with: its stream (not read yet) and headers. */
export interface AirudderFile {
	stream: Readable;
	mimeType: string;
	contentDisposition?: string;
}

function isJsonLike(headers: RawResponse['headers'] | undefined): boolean {
	const type = (header(headers, 'content-type') ?? '').toLowerCase();
	return (
		header(headers, 'Is-Encrypted') === '1' || type.includes('json') || type.startsWith('text/')
	);
}

/**
 * Like `airudderApiRequest`, for endpoints that may answer either with a JSON envelope (e.g.
 * links) or with a file (recordings: the reference does not say which). The answer is streamed;
 * only a JSON/text answer (≤ 1 MiB) is read whole, decrypted and checked like any other.
 * Idempotent endpoints are retried as in `airudderApiRequest` (only until an answer's head arrives:
 * a file that breaks off while n8n stores it fails the item).
 *
 * @returns `{ json }` for an envelope, `{ file }` for anything else (audio, zip, octet-stream).
 * @throws NodeApiError as `airudderApiRequest` does.
 */
export async function airudderApiFetch(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	request: AirudderRequest = {},
): Promise<{ json: IDataObject } | { file: AirudderFile }> {
	const settings = await connectionSettings.call(this);
	const options = buildRequest(endpoint, request, settings, 'stream');
	const response = await send.call(this, endpoint, options, settings, request.itemIndex);
	const body = response.body as Readable;
	if (!isJsonLike(response.headers)) {
		return {
			file: {
				stream: body,
				mimeType: header(response.headers, 'content-type') ?? 'application/octet-stream',
				contentDisposition: header(response.headers, 'content-disposition'),
			},
		};
	}
	const parsed = parseBody(await readText(body), response.headers, settings.aesKey);
	return {
		json: envelope.call(this, endpoint, response.statusCode, parsed, settings, request.itemIndex),
	};
}

/**
 * Whether a failed write may still have been carried out by AIRudder: no answer at all (time-out,
 * dropped connection) or a 5xx. A definite refusal (4xx, or a non-success `code`) is not ambiguous.
 */
export function isAmbiguousFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || brokenConnectionCode(error)) return true;
	const status = Number(error.httpCode);
	return !error.httpCode || !Number.isFinite(status) || status >= 500;
}
