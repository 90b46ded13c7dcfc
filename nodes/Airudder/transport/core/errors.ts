import type { ICredentialDataDecryptedObject, IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { excerpt } from '../../helpers/errors';
import { headerSecrets, scrubJson, scrubText, secretValues } from '../../helpers/scrub';
import type { AirudderEndpoint } from '../endpoint';
import { header } from '../retry';
import { discard, type Parsed, type RawAnswer } from './answers';
import type { ApiGroup, Context, Prepared } from './request';
import { signInFailure } from './signIn';
import { failureCode, noAnswerKind, noAnswerReason, redirectRefusedMessage } from './vocabulary';

/**
 * The request core's errors, in the one vocabulary (vocabulary.ts): built at error time, scrubbed
 * of the credential's values as they are then, on the full text before any excerpt is cut.
 */

/** Errors the core built that are definite refusals (nothing was, or may have been, carried out). */
const definite = new WeakSet<object>();

/**
 * Whether a failed write may still have been carried out by AIRudder: no answer at all (time-out,
 * dropped connection) or a 5xx. A definite refusal (4xx, a non-success code, a refused sign-in or
 * redirect) is not ambiguous.
 */
export function isAmbiguousFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return true;
	if (definite.has(error)) return false;
	const status = Number(error.httpCode);
	return !error.httpCode || !Number.isFinite(status) || status >= 500;
}

/** The secrets as they are now: the credential's fields (a token fetched meanwhile included). */
function secretsNow<T>(
	group: ApiGroup<T>,
	credentials: ICredentialDataDecryptedObject,
	failure?: unknown,
) {
	return [
		...secretValues(group.secretFields.map((field) => credentials[field])),
		...headerSecrets(failure, group.secretHeaders),
	];
}

function itemPrefix<T>(group: ApiGroup<T>, itemIndex: number | undefined): string {
	return group.itemInMessage && itemIndex !== undefined ? `Item ${itemIndex}: ` : '';
}

/** Builds a NodeApiError whose message n8n shows as it is (no `code` on the error object). */
export function coreError(
	ctx: Context,
	message: string,
	extra: {
		description?: string;
		httpCode?: number;
		itemIndex?: number;
		body?: IDataObject;
		definite?: boolean;
	},
): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), (extra.body ?? { message }) as JsonObject, {
		message,
		description: extra.description,
		httpCode: extra.httpCode !== undefined ? String(extra.httpCode) : undefined,
		itemIndex: extra.itemIndex,
	});
	// n8n swaps a message that mentions a Node.js error code (e.g. quoted from an HTML page) for its
	// generic sentence: the core's own sentence is kept whatever AIRudder's words contain.
	error.message = message;
	if (extra.definite) definite.add(error);
	return error;
}

/** The error for an answer that is not a success (HTTP error, refused code, unreadable). */
export function answerError<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	answer: { status: number; parsed: Parsed },
	credentials: ICredentialDataDecryptedObject,
	failure: unknown,
	itemIndex: number | undefined,
): NodeApiError {
	const secrets = secretsNow(group, credentials, failure);
	// Scrubbed whole, before any excerpt is cut from it.
	const parsed: Parsed = {
		text: scrubText(answer.parsed.text, secrets),
		json: answer.parsed.json && scrubJson(answer.parsed.json, secrets),
		unreadable: answer.parsed.unreadable,
	};
	const { status } = answer;
	const ok = status >= 200 && status < 300;
	const where = `${group.label} answered ${endpoint.method} ${endpoint.path}`;
	const why = parsed.json ? group.explain(endpoint, parsed) : {};
	let message: string;
	if (parsed.unreadable)
		message = `${group.label}'s answer to ${endpoint.method} ${endpoint.path} ${parsed.unreadable}`;
	else if (why.message) message = `${why.message}${ok ? '' : ` (HTTP ${status})`}`;
	else if (!parsed.json) {
		const quoted = excerpt(parsed.text) || '(empty body)';
		message = ok
			? `${where} with something that is not JSON (HTTP ${status}): ${quoted}`
			: `${where} with HTTP ${status}: ${quoted}`;
	} else {
		const coded = why.code !== undefined && why.code !== null;
		const parts = [
			ok ? undefined : `HTTP ${status}`,
			coded ? `code ${String(why.code)}` : ok ? 'no code' : undefined,
		];
		message = `${where} with ${parts.filter(Boolean).join(', ')}${why.own ? `: ${why.own}` : ''}`;
	}
	const description = [
		why.meaning,
		status === 401
			? "The credential was refused: check it and the credential's Base URL"
			: undefined,
		group.hint?.(credentials),
		`Doc: ${endpoint.docUrl}`,
	];
	return coreError(ctx, scrubText(`${itemPrefix(group, itemIndex)}${message}`, secrets), {
		description: description.filter(Boolean).join('. '),
		httpCode: status,
		itemIndex,
		body: parsed.json ?? { body: excerpt(parsed.text) },
		definite: status < 500,
	});
}

/** The error for a request that got no HTTP answer, a refused redirect, or a failed sign-in. */
export function noAnswerError<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	prepared: Prepared,
	failure: unknown,
	itemIndex: number | undefined,
): NodeApiError {
	const prefix = itemPrefix(group, itemIndex);
	const doc = `Doc: ${endpoint.docUrl}`;
	const signIn = signInFailure(failure);
	if (signIn !== undefined)
		return coreError(ctx, `${prefix}${signIn}`, {
			description: doc,
			itemIndex,
			definite: true,
		});
	const secrets = secretsNow(group, prepared.credentials, failure);
	const url = `${String(prepared.options.baseURL)}${endpoint.path}`;
	const reason = noAnswerReason(noAnswerKind(failure), url, prepared.seconds);
	const code = failureCode(failure);
	return coreError(
		ctx,
		scrubText(
			`${prefix}${group.label} ${endpoint.method} ${endpoint.path} failed: ${reason}`,
			secrets,
		),
		{
			description: [code, doc].filter(Boolean).join('. '),
			itemIndex,
		},
	);
}

export function redirectError<T>(
	ctx: Context,
	group: ApiGroup<T>,
	endpoint: AirudderEndpoint,
	answer: RawAnswer,
	itemIndex: number | undefined,
) {
	discard(answer.body);
	const what = `${itemPrefix(group, itemIndex)}${group.label} ${endpoint.method} ${endpoint.path}`;
	return coreError(
		ctx,
		redirectRefusedMessage(what, answer.statusCode, header(answer.headers, 'location')),
		{
			description: `Doc: ${endpoint.docUrl}`,
			httpCode: answer.statusCode,
			itemIndex,
			definite: true,
		},
	);
}
