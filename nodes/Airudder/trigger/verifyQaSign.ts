import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { safeEqual } from './verifySecret';

/**
 * The `Sign` check of AIRudder QA (speech analytics) report callbacks, in the AIRudder Trigger.
 * Pure functions.
 *
 * AIRudder publishes no doc page for its QA API. What is known comes from a lending company's
 * production receiver (JULO juloserver, collops_qa_automation, view
 * QAAirudderRecordingReportCallback): the body is `{TaskID, Sign, QADetail[]}`, there is no header
 * and no other signature, and `Sign` must equal the lower-case hex MD5 of the UTF-8 text
 * `TaskID + key`, compared exactly (that receiver compares with `==`, so an upper-case digest is
 * refused there too). Its key is the literal `airudder`; whether AIRudder uses another key for
 * other customers is unknown, so the key is the AIRudder Callback credential's QA Sign Key.
 *
 * `Sign` covers TaskID only, never QADetail, and the key is the same fixed word for everyone the
 * reference knows of: a valid Sign proves little. The trigger's shared secret (verifySecret.ts)
 * is what keeps others out.
 */

/** The key the reference's receiver signs with (`key = "airudder"`). */
export const DEFAULT_QA_SIGN_KEY = 'airudder';

/** The answer the reference's receiver gives a stored report (HTTP 200), sent back to AIRudder. */
export const QA_REPORT_ANSWER: IDataObject = {
	success: true,
	data: { message: 'Success Store Recording Report' },
	errors: [],
};

/** The receiver's answer to a refused report (HTTP 400), `errors` holding one message. */
export const qaRefusalAnswer = (message: string): IDataObject => ({
	success: false,
	data: null,
	errors: [message],
});

/** The message the reference's receiver answers a wrong Sign with. */
const BAD_SIGN = 'Invalid authentication credentials';

/** Whether a callback is a QA report to check: it carries `QADetail`, the QA-only field. */
export function isQaReport(body: IDataObject): boolean {
	return Object.prototype.hasOwnProperty.call(body, 'QADetail');
}

/** `Sign` as the reference computes it: lower-case hex MD5 of the UTF-8 bytes of `taskId + key`. */
export function qaSign(taskId: string, key: string): string {
	return createHash('md5').update(`${taskId}${key}`, 'utf8').digest('hex');
}

/** What {@link verifyQaSign} found. `reason` is for the log, `message` for AIRudder's answer. */
type QaSignVerdict = { ok: true } | { ok: false; reason: string; message: string };

/**
 * Checks a QA report body before it reaches the workflow (the caller answers a refusal with HTTP
 * 400 and starts nothing), in this order: `TaskID` a string; `Sign` present, a string, equal to
 * {@link qaSign}(TaskID, key) (constant-time, exact case); `QADetail` a list of objects.
 *
 * @param body the parsed callback body.
 * @param key the QA Sign Key (see {@link readQaSignKey}).
 */
export function verifyQaSign(body: IDataObject, key: string): QaSignVerdict {
	const refuse = (reason: string, message = reason): QaSignVerdict => ({
		ok: false,
		reason: `QA report ${reason}`,
		message,
	});
	if (typeof body.TaskID !== 'string') return refuse('TaskID missing or not a string');
	if (body.Sign === undefined || body.Sign === null || body.Sign === '')
		return refuse('Sign missing', BAD_SIGN);
	if (typeof body.Sign !== 'string' || !safeEqual(body.Sign, qaSign(body.TaskID, key)))
		return refuse('Sign does not match TaskID and the QA Sign Key', BAD_SIGN);
	const detail = body.QADetail;
	if (!Array.isArray(detail)) return refuse('QADetail is not a list');
	const bad = detail.findIndex(
		(entry) => !entry || typeof entry !== 'object' || Array.isArray(entry),
	);
	if (bad >= 0) return refuse(`QADetail[${bad}] is not an object`);
	return { ok: true };
}

/**
 * The AIRudder Callback credential's QA Sign Key; {@link DEFAULT_QA_SIGN_KEY} when the field is
 * absent (no credential selected, or one saved before the field existed).
 * @throws Error when the field is set but empty (never shows a key).
 */
export function readQaSignKey(credential: ICredentialDataDecryptedObject): string {
	const key = credential.qaSignKey;
	if (key === undefined || key === null) return DEFAULT_QA_SIGN_KEY;
	if (String(key) === '')
		throw new Error(
			`AIRudder Callback credential: QA Sign Key is empty: enter the key AIRudder signs QA reports with ("${DEFAULT_QA_SIGN_KEY}" in the reference)`,
		);
	return String(key);
}
