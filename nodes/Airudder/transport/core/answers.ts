import type { BinaryHelperFunctions, IDataObject, JsonObject } from 'n8n-workflow';

import { header } from '../retry';

/**
 * Answers as the request core handles them: the raw HTTP answer, its text, and its parse. Pure
 * helpers shared by the core's request, fetch and download.
 */

/** Node's `stream.Readable`, as n8n-workflow types binary data. */
export type Readable = Exclude<Parameters<BinaryHelperFunctions['prepareBinaryData']>[0], Buffer>;

export type Headers = Record<string, string | string[] | undefined>;

/** One HTTP answer (n8n's full response, or the one a thrown HTTP error carries). */
export interface RawAnswer {
	statusCode: number;
	headers: Headers;
	body: unknown;
}

/** A parsed answer: its text and, when it is a JSON object, the object. */
export interface Parsed {
	json?: IDataObject;
	text: string;
	/** Why the answer could not be read at all, e.g. `could not be decrypted with …` (AES). */
	unreadable?: string;
}

/** A file an answer or a link gave: its stream (not read yet) and headers. */
export interface AirudderFile {
	stream: Readable;
	mimeType: string;
	contentDisposition?: string;
}

/** The answer's body as text (a Buffer decoded as UTF-8, an object as JSON). */
export function bodyText(body: unknown): string {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (typeof body === 'string') return body;
	return JSON.stringify(body ?? '');
}

/** Parses an answer's text; `json` only for a JSON object (not an array, not a scalar). */
export function parseJson(text: string): Parsed {
	try {
		const json = JSON.parse(text) as unknown;
		if (typeof json === 'object' && json !== null && !Array.isArray(json))
			return { json: json as IDataObject, text };
	} catch {
		// not JSON: quoted in an excerpt
	}
	return { text };
}

export function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function'
	);
}

/** Frees the connection of a streamed answer that is not going to be read. */
export function discard(body: unknown): void {
	if (body && typeof (body as { destroy?: unknown }).destroy === 'function')
		(body as { destroy(): void }).destroy();
}

/** Streamed answers are read whole only up to this size (1 MiB) when they are JSON or text. */
const MAX_TEXT_BYTES = 1024 * 1024;

/** Reads a streamed answer as text, at most 1 MiB (the rest is dropped). */
export async function readText(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > MAX_TEXT_BYTES) {
			stream.destroy();
			break;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The HTTP answer a thrown n8n request error carries (axios `response`, on it or a cause). */
export function failedAnswer(error: unknown): RawAnswer | undefined {
	for (let current = error as JsonObject | undefined, depth = 0; current && depth < 5; depth++) {
		const response = current.response as
			| { statusCode?: number; status?: number; headers?: Headers; body?: unknown; data?: unknown }
			| undefined;
		const status = Number(response?.statusCode ?? response?.status);
		if (response && Number.isFinite(status) && status > 0)
			return {
				statusCode: status,
				headers: response.headers ?? {},
				body: response.body ?? response.data,
			};
		current = current.cause as JsonObject | undefined;
	}
	return undefined;
}

/** Whether an HTTP status is a redirect that carries a `Location`. */
export function isRedirectStatus(status: number | undefined): boolean {
	return status !== undefined && [301, 302, 303, 307, 308].includes(status);
}

/** A file answer's stream and headers. */
export function fileOf(answer: RawAnswer): AirudderFile {
	return {
		stream: answer.body as Readable,
		mimeType: header(answer.headers, 'content-type') ?? 'application/octet-stream',
		contentDisposition: header(answer.headers, 'content-disposition'),
	};
}
