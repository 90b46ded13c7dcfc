/**
 * What the package knows of one AIRudder endpoint. Each API group keeps its table of these beside
 * its request helper (`voice/endpoints.ts`, `chatbot/endpoints.ts`, `pds/endpoints.ts`): completing a partial contract
 * later means editing its entry there and the operation file that builds its fields.
 */
export interface AirudderEndpoint {
	/** operationId in the reference file. */
	operationId: string;
	method: 'GET' | 'POST' | 'PUT';
	/** Path relative to the credential's Base URL. */
	path: string;
	/** The AIRudder doc page it implements (x-doc-url), or the source when no doc page exists. */
	docUrl: string;
	/** Value of the body's `code` that means success: 200 for the cloud API, 0 for SMS. */
	successCode: number;
	/** Body field that carries that code, when it is not `code` (e.g. `retcode`). */
	codeField?: string;
	/** The reference marks the contract partial (x-incomplete): users may add fields. */
	partial: boolean;
	/**
	 * A read, safe to send again after a 429/5xx/time-out, whatever its method (Find by Contact is a
	 * POST read); a write (false) is never sent twice. Every entry says which: no default.
	 */
	idempotent: boolean;
}
