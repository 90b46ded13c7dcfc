import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { excerpt } from '../../helpers/errors';
import { scrubText, secretValues } from '../../helpers/scrub';
import { baseUrlOf, timeoutSecondsOf } from './connection';
import { header } from '../retry';
import {
	noAnswerKind,
	noAnswerReason,
	redirectRefusedMessage,
	signInRefusedMessage,
} from './vocabulary';

/**
 * How one API group signs in (a credential's `preAuthentication`): where, with which body, and
 * how its answer is read. The voice API posts JSON to `/service/cloud/auth` and reads `data.token`;
 * the Predictive Dialer posts a form to `/service/callcenter/call/predict/auth` and reads
 * `body.token`.
 */
interface SignInSpec {
	/** Who refuses, in messages: `AIRudder`, `AIRudder PDS`. */
	label: string;
	/** Path of the sign-in, relative to the credential's Base URL. */
	path: string;
	/** `json`: a JSON body; `form`: `application/x-www-form-urlencoded`. */
	encoding: 'json' | 'form';
	/** The body's fields (e.g. `{ APPKey, APPSecret }`); every value is a secret, never shown. */
	fields: Record<string, string>;
	/** Extra request headers (e.g. `User-Agent`). */
	headers?: Record<string, string>;
	/**
	 * The answer's code field (`code`) and its success value (200; 0 for the PDS). `null`: the
	 * answer's code is not checked, a token in a 2xx answer is enough (the QA sign-in, whose
	 * production client reads only `data.token`).
	 */
	codeField?: string | null;
	successCode: number;
	/** Reads the token from a successful answer (e.g. `answer.data.token`). */
	token: (answer: IDataObject) => unknown;
	/** The meaning of an AIRudder code (the group's code table), if known. */
	meaning?: (code: unknown) => string | undefined;
}

/**
 * The error of a sign-in (refused, redirected, no answer): an Error with no `code`, `status` or
 * cause, so n8n wraps it (NodeApiError) keeping its message, and the request (with the APPSecret)
 * stays behind. `signIn: true` marks it for the request core, which shows its message as it is.
 * (A credential's `preAuthentication` has no node to build a NodeApiError for.)
 */
function signInError(message: string): Error {
	return Object.assign(new Error(message), { signIn: true });
}

/** The message of a sign-in error found in an error or its causes, if any. */
export function signInFailure(error: unknown): string | undefined {
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 5; depth++) {
		if (current.signIn === true) return String(current.message);
		current = current.cause as IDataObject | undefined;
	}
	return undefined;
}

/** AIRudder's own message in an answer (`message`, `msg`), if any. */
function ownMessage(answer: IDataObject): string | undefined {
	for (const key of ['message', 'msg']) {
		const value = answer[key];
		if (typeof value === 'string' && value) return value;
	}
	return undefined;
}

/**
 * Exchanges a key pair for a token: `POST {Base URL}{spec.path}` with the credential's Request
 * Timeout and redirects off (a 3xx is refused: the key pair is never posted to another host).
 *
 * @returns the token (a non-empty string).
 * @throws Error, scrubbed of every field value: "<label> refused the APPKey/APPSecret:
 *   <code> <meaning> (HTTP <status> at <path>)" for a refusal (HTTP error, or a code other than
 *   `successCode`, or no token); "<label>'s sign-in at <path> failed: no answer within <n> s
 *   (Request Timeout)" / "...: <origin> refused the connection ..." when no answer came; "...was
 *   answered with a redirect (HTTP 307) to <origin>..." for a redirect.
 */
export async function signIn(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	spec: SignInSpec,
): Promise<string> {
	const url = `${baseUrlOf(credentials)}${spec.path}`;
	const seconds = timeoutSecondsOf(credentials);
	const secrets = secretValues(Object.values(spec.fields));
	const form = spec.encoding === 'form';
	let response: { statusCode: number; body: unknown; headers?: Record<string, string> };
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url,
			headers: {
				'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
				...spec.headers,
			},
			body: form ? new URLSearchParams(spec.fields).toString() : JSON.stringify(spec.fields),
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: seconds * 1000,
		})) as typeof response;
	} catch (error) {
		const reason = noAnswerReason(noAnswerKind(error), url, seconds);
		throw signInError(
			scrubText(`${spec.label}'s sign-in at ${spec.path} failed: ${reason}`, secrets),
		);
	}
	const { statusCode: status } = response;
	if (status >= 300 && status < 400) {
		const what = `${spec.label}'s sign-in at ${spec.path}`;
		throw signInError(redirectRefusedMessage(what, status, header(response.headers, 'location')));
	}
	const text = Buffer.isBuffer(response.body)
		? response.body.toString('utf8')
		: typeof response.body === 'string'
			? response.body
			: JSON.stringify(response.body ?? '');
	let answer: IDataObject | undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			answer = parsed as IDataObject;
	} catch {
		answer = undefined;
	}
	const code = spec.codeField === null ? undefined : answer?.[spec.codeField ?? 'code'];
	const token = answer ? spec.token(answer) : undefined;
	const ok =
		status >= 200 &&
		status < 300 &&
		(spec.codeField === null || (code !== undefined && Number(code) === spec.successCode));
	if (ok && typeof token === 'string' && token) return token;
	// Scrubbed on the whole text, before any cut: no prefix of a secret survives the excerpt.
	const own = answer ? ownMessage(answer) : excerpt(scrubText(text, secrets)) || undefined;
	const meaning = spec.meaning?.(code ?? status);
	throw signInError(
		scrubText(
			signInRefusedMessage(
				spec.label,
				spec.path,
				status,
				code,
				meaning,
				own && scrubText(own, secrets),
			),
			secrets,
		),
	);
}
