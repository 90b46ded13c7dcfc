import type { AirudderEndpoint } from '../endpoint';

/** Credential type of the QA (speech analytics) API. */
export const QA_CREDENTIAL_TYPE = 'airudderQaApi';

/**
 * AIRudder publishes no QA doc page: every fact comes from a third-party production client, named
 * here instead of a doc URL.
 */
export const QA_SOURCE =
	'no AIRudder doc page; a production client (juloserver collops_qa_automation/clients/quality_assurance_airudder.py)';

/** The body `status` that means success (the client proceeds only on it). */
export const QA_SUCCESS_STATUS = 'OK';

/** The sign-in, relative to the Base URL: JSON `{APPKey, APPSecret}` → `data.token`. */
export const QA_SIGN_IN_PATH = '/customer_token';

function qa(operationId: string, method: 'POST' | 'PUT', path: string): AirudderEndpoint {
	return {
		operationId,
		method,
		path,
		docUrl: QA_SOURCE,
		// success is `status: 'OK'` (code 200 in the client's tests): checked by the QA adapter
		successCode: 200,
		partial: true,
		// every QA call is a write: never retried after a time-out or 5xx
		idempotent: false,
	};
}

/**
 * Every QA endpoint the AIRudder QA node calls, relative to the credential's Base URL (joined with
 * exactly one '/': the Base URL's trailing slashes are dropped). JSON bodies, `Authorization: Bearer <token>`, answers `{status, code, data}`.
 * The sign-in (`POST customer_token`) lives in the credential.
 */
export const QA_ENDPOINTS = {
	/** Body `{TaskName, Language, SOPModel}`; answer `data.TaskID`. */
	createTask: qa('qaCreateTask', 'POST', '/task'),
	/** Body `{TaskID, RecordingDetails: [{RecordingID, RecordingName, Recordingfile}]}` (base64 files). */
	uploadRecordings: qa('qaUploadRecordings', 'POST', '/task/recording'),
	/** Body `{TaskID, Action: 'Start' | 'Cancel'}`; answer `{status, code}`. */
	taskAction: qa('qaTaskAction', 'PUT', '/task'),
} satisfies Record<string, AirudderEndpoint>;
