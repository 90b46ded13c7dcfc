/**
 * AIRudder's JSON envelope and the sandbox's field checks.
 *
 * Success is documented: `{"data": ..., "status": "OK", "code": 200}` (token page, create-task page,
 * `x-response-envelope` in core-collection.openapi.yaml). SMS succeeds with `code` 0 (README.md of
 * the reference, from a public client).
 *
 * ILLUSTRATIVE: every error body. AIRudder's error bodies and its global error-code table were not
 * readable (`x-error-codes-missing`); the create-task page only shows that an error example exists
 * under HTTP 200. The sandbox answers errors as `{"data": <null|object>, "status": "ERROR",
 * "code": <400|401|404|405>, "message": "<names the field>"}` — the `message` key follows the
 * third-party evidence in `WorkflowEnvelope` ("message read on failure"); the codes and the
 * `status` value are the sandbox's own.
 */

/** What a route handler answers; the server serialises (and in AES mode encrypts) it. */
export interface JsonReply {
	/** HTTP status. Default 200. */
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** Documented success envelope. */
export function ok(data: unknown): JsonReply {
	return { status: 200, body: { data, status: 'OK', code: 200 } };
}

/** ILLUSTRATIVE error envelope (see the file comment). Business errors keep HTTP 200 by default. */
export function fail(
	code: number,
	message: string,
	data: unknown = null,
	httpStatus = 200,
): JsonReply {
	return { status: httpStatus, body: { data, status: 'ERROR', code, message } };
}

/** Request-level validation error (illustrative body: HTTP 200, `code` 400, message naming the field). */
export function invalid(field: string, problem: string): JsonReply {
	return fail(400, `${field} ${problem}`);
}

/** A plain JSON object (not an array / null)? */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), the way the docs count "64 characters". */
export function charLength(text: string): number {
	return [...text].length;
}

/**
 * Checks a documented field of `body`: presence (when `required`) and JSON type.
 * @returns an `invalid` reply, or undefined when the field is acceptable.
 */
export function checkField(
	body: Record<string, unknown>,
	field: string,
	type: 'string' | 'integer' | 'boolean' | 'array' | 'object',
	required: boolean,
): JsonReply | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') {
		return required ? invalid(field, 'is required') : undefined;
	}
	const good =
		type === 'integer'
			? Number.isInteger(value)
			: type === 'array'
				? Array.isArray(value)
				: type === 'object'
					? isObject(value)
					: typeof value === type;
	return good
		? undefined
		: invalid(
				field,
				`must be ${type === 'integer' ? 'an integer' : `a${type === 'array' || type === 'object' ? 'n' : ''} ${type}`}`,
			);
}

/** First failing `checkField` of a list of [field, type, required]. */
export function checkFields(
	body: Record<string, unknown>,
	fields: Array<[string, 'string' | 'integer' | 'boolean' | 'array' | 'object', boolean]>,
): JsonReply | undefined {
	for (const [field, type, required] of fields) {
		const problem = checkField(body, field, type, required);
		if (problem) return problem;
	}
	return undefined;
}
