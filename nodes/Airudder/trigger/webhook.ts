import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	IHookFunctions,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DuplicateWindows,
	inspectCallback,
	parseIpAllowlist,
	type EncryptionMode,
	type GuardConfig,
	type SecretConfig,
} from './guard';
import {
	CALLBACK_CREDENTIAL_TYPE,
	DEFAULT_MAX_BODY_KB,
	type CallbackTriggerSpec,
} from './properties';
import { QA_REPORT_EVENT } from './events';
import { ALL_EVENTS, callbackItems, routeCallback, type RoutingSettings } from './recognition';
import {
	QA_REPORT_ANSWER,
	isQaReport,
	qaRefusalAnswer,
	readQaSignKey,
	verifyQaSign,
} from './verifyQaSign';

/**
 * Node-facing glue of the AIRudder triggers: the activation-time settings check and `webhook()`
 * (their parameters and webhook description are properties.ts).
 */

/** Everything `webhook()` needs from the node parameters and credential, validated. */
interface CallbackSettings {
	guard: GuardConfig;
	routing: RoutingSettings;
	addEventName: boolean;
	/** 0 = duplicates are not dropped. */
	dedupeWindowMs: number;
	/** The key QA report Signs are checked with (verifyQaSign.ts). */
	qaSignKey: string;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters a query-parameter secret (and its name) may use: URL-unreserved, so no encoding. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

/**
 * Per-process memory of recent callbacks, one bounded window per workflow and trigger node (see
 * {@link DuplicateWindows}; the queue-mode caveat is on `DuplicateWindow`). Exported for tests,
 * which shrink its bounds.
 */
export const duplicateWindows = new DuplicateWindows();

type ParameterSource = Pick<IWebhookFunctions, 'getNodeParameter' | 'getNode' | 'getCredentials'>;

const list = (value: unknown): string[] =>
	(Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((entry) => entry.trim())
		.filter(Boolean);

/** The AIRudder Callback credential's values, or `{}` when the node has none selected. */
async function callbackCredential(ctx: ParameterSource): Promise<ICredentialDataDecryptedObject> {
	if (!ctx.getNode().credentials?.[CALLBACK_CREDENTIAL_TYPE]) return {};
	return await ctx.getCredentials(CALLBACK_CREDENTIAL_TYPE);
}

/**
 * The shared secret, AES mode and key of the AIRudder Callback credential (none selected: no
 * secret, decryption off).
 * @throws Error naming the credential field that is wrong (never its secret value).
 */
function readCallbackSecrets(
	credential: ICredentialDataDecryptedObject,
): Pick<GuardConfig, 'secret' | 'encryption' | 'aesKey'> {
	const fail = (message: string) => new Error(`AIRudder Callback credential: ${message}`);
	const location = String(credential.carriedIn ?? 'none') as SecretConfig['location'];
	let secret: SecretConfig = { location: 'none' };
	if (location !== 'none') {
		const value = String(credential.secretValue ?? '');
		if (!value) throw fail('Secret is empty: enter the shared secret or set Shared Secret to None');
		if (location === 'header') {
			const headerName = String(credential.headerName ?? '').trim();
			if (!HEADER_NAME.test(headerName))
				throw fail('Header Name must be an HTTP header name, e.g. X-Callback-Secret');
			secret = { location, headerName, value };
		} else if (location === 'query') {
			const name = String(credential.queryName ?? 'secret').trim();
			if (!URL_SAFE.test(name) || !URL_SAFE.test(value))
				throw fail(
					'Query Parameter Name and Secret may only use letters, digits, ".", "_", "~" and "-"',
				);
			secret = { location, name, value };
		} else throw fail(`Shared Secret "${location}" is not an option`);
	}
	const encryption = String(credential.encryption ?? 'off') as EncryptionMode;
	if (!['off', 'ifMarked', 'required'].includes(encryption))
		throw fail(`AES Decryption "${encryption}" is not an option`);
	const aesKey = encryption === 'off' ? '' : String(credential.aesSecretKey ?? '');
	const keyBytes = Buffer.byteLength(aesKey, 'utf8');
	if (encryption !== 'off' && ![16, 24, 32].includes(keyBytes)) {
		throw fail(`AES Key must be 16, 24 or 32 bytes long in UTF-8 (it is ${keyBytes})`);
	}
	return { secret, encryption, aesKey };
}

/**
 * Reads and validates the trigger's parameters and its AIRudder Callback credential.
 * @throws NodeOperationError naming the parameter or credential field that is wrong (never its
 *   secret value).
 */
export async function readCallbackSettings(ctx: ParameterSource): Promise<CallbackSettings> {
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;

	let secrets: Pick<GuardConfig, 'secret' | 'encryption' | 'aesKey'>;
	let qaSignKey: string;
	try {
		const credential = await callbackCredential(ctx);
		secrets = readCallbackSecrets(credential);
		qaSignKey = readQaSignKey(credential);
	} catch (error) {
		throw fail((error as Error).message);
	}

	let allowlist: GuardConfig['allowlist'];
	try {
		allowlist = parseIpAllowlist(String(options.ipAllowlist ?? ''));
	} catch (error) {
		throw fail(`IP Allowlist: ${(error as Error).message}`);
	}

	const maxBodyKb = Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB);
	if (!(maxBodyKb > 0)) throw fail('Max Body Size (KB) must be greater than 0');
	const dedupeSeconds = Number(options.dedupeWindow ?? 0);
	if (!(dedupeSeconds >= 0)) throw fail('Drop Duplicates Within (Seconds) must be 0 or more');

	const events = list(ctx.getNodeParameter('events', [ALL_EVENTS]));
	return {
		guard: { ...secrets, allowlist, maxBodyBytes: Math.floor(maxBodyKb * 1024) },
		routing: {
			events,
			// its default follows Events (see properties.ts): on for every event, off for chosen ones
			includeUnknown: ctx.getNodeParameter('includeUnknown', events.includes(ALL_EVENTS)) === true,
			wabaStatuses: list(options.wabaStatuses),
			workflowIds: list(options.workflowIds),
		},
		addEventName: options.addEventName !== false,
		dedupeWindowMs: dedupeSeconds * 1000,
		qaSignKey,
	};
}

/**
 * `webhookMethods` of both triggers. Nothing is registered at AIRudder (no API for it): `create`
 * only validates the settings, so a wrong secret/key/allowlist fails the activation (or the test
 * listen) with a message instead of refusing every callback later.
 */
export const callbackWebhookMethods: INodeType['webhookMethods'] = {
	default: {
		async checkExists() {
			return false;
		},
		async create(this: IHookFunctions) {
			await readCallbackSettings(this);
			return true;
		},
		async delete() {
			return true;
		},
	},
};

/** Answers a refused request itself (like n8n's Webhook node does for 401/403) and starts nothing. */
function refuse(
	ctx: IWebhookFunctions,
	status: number,
	reason: string,
	headers: Record<string, string> = {},
	body: IDataObject = { message: status >= 500 ? 'The trigger settings are invalid' : reason },
): IWebhookResponseData {
	ctx.logger[status >= 500 ? 'error' : 'warn'](
		`${ctx.getNode().name}: refused an AIRudder callback with HTTP ${status} (${reason})`,
	);
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/**
 * Records a callback as seen once n8n has answered it with a 2xx (`finish` of the response), for
 * the Respond modes that answer after the run: a callback whose run failed (answered 500 with
 * "When Last Node Finishes") is not remembered, so AIRudder's retry starts a new execution.
 */
function rememberWhenAnswered2xx(
	res: ReturnType<IWebhookFunctions['getResponseObject']>,
	scope: string,
	digest: string,
	windowMs: number,
): void {
	if (typeof res?.once !== 'function') return;
	res.once('finish', () => {
		if (res.statusCode >= 200 && res.statusCode < 300)
			duplicateWindows.window(scope).record(digest, windowMs);
	});
}

/**
 * `webhook()` of both triggers.
 *
 * Refused requests (see `inspectCallback`: 405/403/401/413/415/400, or 500 for invalid settings)
 * are answered here and start no execution. Accepted callbacks that are filtered out, not selected
 * or duplicates get 200 `{}` (`webhookResponse` without `workflowData`: no execution); a callback
 * counts as seen for duplicates only once its answer was a 2xx. Otherwise the
 * body becomes one item (plus `_event` if Add Event Name is on) and AIRudder gets 200 `{}`, sent by
 * n8n as `application/json`, or the last node's / Respond to Webhook node's answer.
 *
 * QA reports (a body carrying `QADetail`, AIRudder Trigger only) are checked by verifyQaSign.ts
 * after the guard and before routing: a missing or wrong Sign, or a malformed body, is answered 400
 * `{success: false, data: null, errors: [...]}` without an execution, as the reference's receiver
 * answers. An accepted one becomes one item per recording (qaReport.ts) and is answered
 * `{success: true, data: {message: "Success Store Recording Report"}, errors: []}` where others get `{}`.
 */
export async function handleCallback(
	this: IWebhookFunctions,
	spec: CallbackTriggerSpec,
): Promise<IWebhookResponseData> {
	let settings: CallbackSettings;
	try {
		settings = await readCallbackSettings(this);
	} catch (error) {
		return refuse(this, 500, (error as Error).message);
	}

	const req = this.getRequestObject();
	// n8n has read the raw body by now, except for multipart bodies (their stream is consumed: refused below).
	const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
	if (!req.rawBody && !multipart && typeof req.readRawBody === 'function') await req.readRawBody();
	const verdict = inspectCallback(
		{
			method: req.method,
			headers: req.headers,
			ip: req.ip ?? req.socket?.remoteAddress,
			query: (req.query ?? {}) as Record<string, unknown>,
			rawBody: req.rawBody ?? Buffer.alloc(0),
		},
		settings.guard,
	);
	if (!verdict.accepted) return refuse(this, verdict.status, verdict.reason, verdict.headers);

	// QA reports (a body with QADetail, on the trigger whose catalogue has them): Sign first.
	const qa = spec.catalogue.some((e) => e.key === QA_REPORT_EVENT) && isQaReport(verdict.body);
	if (qa) {
		const sign = verifyQaSign(verdict.body, settings.qaSignKey);
		if (!sign.ok) return refuse(this, 400, sign.reason, {}, qaRefusalAnswer(sign.message));
	}
	// The answer of an accepted callback: the QA receiver's success body for QA reports, else {}.
	const answer = qa ? QA_REPORT_ANSWER : {};

	const node = this.getNode();
	const routing = routeCallback(verdict.body, spec.catalogue, settings.routing);
	if (!routing.start) {
		this.logger.debug(
			`${node.name}: AIRudder callback answered without an execution (${routing.reason})`,
		);
		return { webhookResponse: answer };
	}
	const scope = `${this.getWorkflow().id}:${node.id}`;
	const digest = verdict.digest;
	if (settings.dedupeWindowMs > 0 && this.getMode() !== 'manual') {
		if (duplicateWindows.window(scope).has(digest)) {
			this.logger.debug(`${node.name}: duplicate AIRudder callback answered without an execution`);
			return { webhookResponse: answer };
		}
		// "Immediately": n8n answers 200 {} as the execution starts, so the callback is accepted now.
		// Otherwise the answer waits for the run, and a failed run must not make the retry a duplicate.
		if (this.getNodeParameter('responseMode', 'onReceived') === 'onReceived')
			duplicateWindows.window(scope).record(digest, settings.dedupeWindowMs);
		else rememberWhenAnswered2xx(this.getResponseObject(), scope, digest, settings.dedupeWindowMs);
	}

	const items = callbackItems(verdict.body, routing.event).map((body) => ({
		json: settings.addEventName ? { ...body, _event: routing.event } : body,
	}));
	if (!items.length) {
		this.logger.debug(`${node.name}: QA report without recordings answered without an execution`);
		return { webhookResponse: answer };
	}
	return { webhookResponse: answer, workflowData: [items] };
}

/**
 * The AIRudder Callback credential's test (the triggers' `testedBy`): nothing is sent anywhere,
 * since the values are only used on callbacks AIRudder sends to n8n; the values are checked as
 * {@link readCallbackSecrets} uses them. The message never holds the secret or the key.
 */
export async function testCallbackCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const { secret, encryption } = readCallbackSecrets(credential.data ?? {});
		readQaSignKey(credential.data ?? {});
		const where =
			secret.location === 'query'
				? `in the query parameter "${secret.name}"`
				: secret.location === 'header'
					? `in the header ${secret.headerName}`
					: 'not required';
		return {
			status: 'OK',
			message: `Usable: shared secret ${where}; AES decryption ${encryption}`,
		};
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
