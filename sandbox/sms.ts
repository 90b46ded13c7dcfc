import { invalid, isObject, type JsonReply } from './envelope';
import { hexId } from './state';

/**
 * `POST /service/sms/message/v2/send` — no operationId: the reference lists only the path and
 * "success `code` 0" (README.md of shared/airudder-api, "Paths known, fields partial", from a public
 * client). The body fields are not in the reference, so any JSON object is accepted as sent, and
 * no Authorization is required (how SMS authenticates is not documented; the request is recorded).
 * Answer: `code` 0 (documented); `message` and `data.message_id` are ILLUSTRATIVE.
 */
export function sendSms(body: unknown): JsonReply {
	if (!isObject(body)) return invalid('body', 'must be a JSON object');
	return { status: 200, body: { code: 0, message: 'success', data: { message_id: hexId() } } };
}
