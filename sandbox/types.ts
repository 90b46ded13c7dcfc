/**
 * Public types of the AIRudder sandbox (dev/test only, never shipped).
 * What each route implements, and what is illustrative, is listed in `sandbox/README.md`.
 */

/** Options of `startSandbox`. Every field is optional. */
export interface SandboxOptions {
	/** TCP port; 0 (default) picks a free ephemeral port. */
	port?: number;
	/** Only 127.0.0.1 is allowed. */
	host?: '127.0.0.1';
	/** APPKey accepted by `POST /service/cloud/auth`. Default `sandbox-app-key`. */
	appKey?: string;
	/** APPSecret accepted by `POST /service/cloud/auth`. Default `sandbox-app-secret`. */
	appSecret?: string;
	/** Token lifetime in seconds (documented: 24 h). Default 86400. */
	tokenTtlSeconds?: number;
	/**
	 * Turns on AIRudder's AES transport (`x-encryption`): business calls must then be encrypted and
	 * are answered encrypted. UTF-8 length must be 16, 24 or 32 bytes.
	 */
	aesKey?: string;
	/** Robots listed by `GET /service/cloud/robot` (illustrative shape). Default: 3 sandbox robots. */
	robots?: Array<{ RobotID: string; RobotName: string }>;
	/**
	 * Where simulated call-end / task-end callbacks go. When set, a task created with
	 * `StartImmediately: true` "finishes" shortly after creation and the callbacks are POSTed here.
	 */
	callbackUrl?: string;
	/** Delay in ms before each simulated callback. Default 50. */
	callbackDelayMs?: number;
	/**
	 * How long one Predictive Dialer call lasts in the sandbox, in ms (ILLUSTRATIVE pace: the
	 * reference gives none). A task stays `Running` while its contacts are dialled one after the
	 * other, then turns `Finished`. Default 0: every call of a due task ends at once.
	 */
	pdsCallMs?: number;
	/** Clock used by the schedule-window checks of task creation. Default `() => new Date()`. */
	now?: () => Date;
	/**
	 * UTC offset of the sandbox account, `+hh:mm` / `-hh:mm`: schedule strings
	 * (`YYYY-MM-DD hh:mm:ss`) are read in it, as the docs say. Default `+08:00` (Philippines).
	 */
	accountUtcOffset?: string;
	/** Size in bytes of the WAV file a `/service/cloud/case` link points to. Default 32044 (1 s). */
	recordingBytes?: number;
	/** Called for one line of log output per request (e.g. `console.log`). Default: silent. */
	log?: (line: string) => void;
	/** API key the chatbot endpoints (`/api/v1/...`) expect in `X-AIRudder-Sign-Key`. Default `sandbox-chatbot-api-key`. */
	chatbotApiKey?: string;
	/**
	 * Where the QA report (`{TaskID, Sign, QADetail}`) is POSTed after a QA task is started (see
	 * sandbox/qa.ts). Unset: no report is sent. Also settable with `POST /__sandbox/qa/callback`.
	 */
	qaCallbackUrl?: string;
	/** Key of the QA report's Sign, md5 hex of TaskID + key. Default `airudder` (the reference's). */
	qaSignKey?: string;
}

/** One request as the sandbox received it. */
export interface RecordedRequest {
	method: string;
	/** URL path without the query string. */
	path: string;
	/** Query parameters; in AES mode, the decrypted query string's parameters. */
	query: Record<string, string>;
	/** Raw query string as received (the ciphertext for an encrypted GET). Extra to the brief. */
	rawQuery: string;
	/** Header names in lower case; repeated headers joined with ", ". */
	headers: Record<string, string>;
	/** Parsed JSON body (after decryption in AES mode); undefined when there is none or it is not JSON. */
	body: unknown;
	/** Body exactly as received (the base64 ciphertext for an encrypted POST). */
	rawBody: string;
	/** The request carried `Is-Encrypted: 1`. */
	encrypted: boolean;
	/** HTTP status answered; 0 while unanswered or when the socket was dropped. */
	status: number;
	/** Arrival time, ms since the epoch. */
	at: number;
	/** A fault (see `Fault`) answered this request instead of the normal handler. */
	fault?: boolean;
}

/**
 * A scripted misbehaviour: the next `times` requests matching `method`/`path` get this instead of
 * the normal answer. With only `delayMs`, the request is answered normally after the delay.
 */
export interface Fault {
	/** HTTP method to match (any when omitted). */
	method?: string;
	/** Exact URL path, or a prefix ending in `*` (e.g. `/service/cloud/*`). */
	path: string;
	/** How many matching requests it applies to. Default 1. */
	times?: number;
	/** How many matching requests to let through (answered normally) before it applies. Default 0. */
	after?: number;
	/** HTTP status to answer. Default 200 when a body is given. */
	status?: number;
	/** Raw body to answer (e.g. HTML, truncated JSON). */
	body?: string;
	/** Content-Type of `body`. Default `application/json`. */
	contentType?: string;
	/** Extra response headers, e.g. `{ 'Retry-After': '1' }`. */
	headers?: Record<string, string>;
	/** Wait this long (ms) before answering / dropping. */
	delayMs?: number;
	/** Drop the connection without an answer. */
	destroy?: boolean;
}

/** One contact's dialling inside a task. Field names are the sandbox's own (illustrative). */
export interface SandboxCall {
	CallID: string;
	/** The contact's Mobile. */
	Callee: string;
	/** Index of the contact in the request's `Details` array (0-based). */
	DetailIndex: number;
	CallStatus: 'pending' | 'finished' | 'cancelled';
	/** Seconds; 0 until finished. */
	Duration: number;
	FinishedAt?: number;
}

/** A task the sandbox created. */
export interface SandboxTask {
	TaskID: string;
	TaskName: string;
	Type: string;
	/** Illustrative lifecycle: the reference documents no status values. */
	Status: 'scheduled' | 'running' | 'finished' | 'stopped';
	/** Path it was created on (`/service/cloud/v2/task` or `/service/cloud/task`). */
	createdVia: string;
	createdAt: number;
	/** Task-level fields as sent (everything but `Details`). */
	settings: Record<string, unknown>;
	/** Accepted contacts, as sent. */
	contacts: Array<Record<string, unknown>>;
	/** One per accepted contact, same order. */
	calls: SandboxCall[];
}

/** A workflow instance the sandbox created. */
export interface SandboxWorkflow {
	workflow_id: string;
	name: string;
	workflow_template_id: number;
	end_time: string;
	/** Body fields as sent (everything but `details`). */
	settings: Record<string, unknown>;
	/** Contacts from `createinstance` and `uploaddetails`, as sent (item fields are undocumented). */
	details: unknown[];
	createdAt: number;
}

/** Handle of a running sandbox. */
export interface Sandbox {
	/** `http://127.0.0.1:<port>` */
	url: string;
	port: number;
	/** Every request received, in order (admin `/__sandbox/*` calls and `GET /` excluded). Live array. */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Successful token exchanges answered so far. */
	readonly tokensIssued: number;
	/** Makes every issued token expired: the next business call gets 401 until a new token is asked for. */
	expireTokens(): void;
	/**
	 * Cancels a Predictive Dialer task as an operator would in AIRudder's console (no API is known):
	 * it stops dialling and is listed as `Cancelled`. @returns false for an unknown task ID or name.
	 */
	cancelPdsTask(taskIdOrName: string): boolean;
	/** Tasks by TaskID. Live map. */
	tasks: Map<string, SandboxTask>;
	/** Workflow instances by workflow_id. Live map. Extra to the brief. */
	workflows: Map<string, SandboxWorkflow>;
	setFault(fault: Fault): void;
	clearFaults(): void;
	/**
	 * POSTs a callback as AIRudder would (`Content-Type: application/json`, `User-Agent: Airudder`,
	 * plus `X-Sandbox-Event: <event>`). `event` is a webhook key of the reference files; without
	 * `body` the reference's example payload is sent, or an illustrative one when it has none.
	 * @returns the receiver's HTTP status and body text. Rejects on network errors / 10 s timeout.
	 */
	fireCallback(
		url: string,
		event: string,
		body?: object,
		headers?: Record<string, string>,
	): Promise<{ status: number; body: string }>;
	/** The QA part (sandbox/qa.ts): its tasks, sign-ins, and where its reports go. */
	qa: {
		/** QA tasks by TaskID. Live map. */
		tasks: Map<string, import('./qa').QaTask>;
		/** Successful QA sign-ins (`customer_token`) so far. */
		readonly tokensIssued: number;
		/** Sets the report URL (`null` = none) and the Sign key. */
		configure(settings: { callbackUrl?: string | null; signKey?: string }): void;
	};
	/** Forgets tasks, workflows, tokens, faults and recorded requests. Extra to the brief. */
	reset(): void;
	/** Stops listening, drops open connections and pending simulated callbacks. */
	close(): Promise<void>;
}
