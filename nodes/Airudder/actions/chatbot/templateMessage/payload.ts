import type { IDataObject } from 'n8n-workflow';

import { pairsToObject } from '../../../helpers/contacts';
import type { Problem } from '../../shared/problem';

/**
 * The body of "Send template message", `POST /api/v1/template/send` (the page read in full:
 * https://apifox.com/apidoc/docs-site/1780479/doc-3647884).
 * Pure functions: no n8n context, no I/O.
 *
 * Documented body: `template_id` integer (required), `timestamp` integer = time of the request in
 * Unix SECONDS (required), `channel` "WhatsApp" (required, the only accepted value), `channel_id`
 * string = the WABA account owning the template (required), `receivers` [{id}] (required; `id` the
 * recipient's WhatsApp account), `template` [{variable: {name: value}}] (optional), `custom` a JSON
 * object serialised as a STRING (required; may carry robot_id / robot_version_id of the chatbot).
 * No maximum number of receivers is documented.
 */

/** The only `channel` value the docs accept. */
const TEMPLATE_CHANNEL = 'WhatsApp';

/** Keys of `custom` the node builds from its own fields (the docs' example: both integers). */
const ROBOT_KEYS = { robotId: 'robot_id', robotVersionId: 'robot_version_id' } as const;

/** What the user gave for one receiver (one input item), as read from the node's parameters. */
export interface TemplateReceiverInput {
	templateId: string;
	channelId: string;
	receiverId: string;
	/** "Template Variables" rows: name/value pairs. */
	variables: Array<{ name?: string; value?: unknown }>;
	robotId: string;
	robotVersionId: string;
	/** "Additional Custom Fields (JSON)", already parsed to an object. */
	extraCustom: IDataObject;
}

/** One receiver, checked and converted to AIRudder's fields. */
export interface PreparedReceiver {
	template_id: number;
	channel_id: string;
	/** The `custom` string, e.g. `{"robot_id":3927,"robot_version_id":2612}`. */
	custom: string;
	/** `template[0].variable`; empty when no variable is set. */
	variables: Record<string, string>;
	/** `receivers[].id`. */
	receiverId: string;
}

/** A whole number written with digits only ("28"), as a number; undefined otherwise. */
function wholeNumber(text: string): number | undefined {
	const value = /^\d+$/.test(text) ? Number(text) : NaN;
	return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Builds the `custom` string: robot_id and robot_version_id (when given, as integers like the
 * docs' example) first, then the extra fields in their order. `{}` when nothing is given, since
 * `custom` is required and must be a JSON-formatted string.
 */
export function buildCustom(
	robot: { robotId: string; robotVersionId: string },
	extra: IDataObject,
): string | Problem {
	const custom: IDataObject = {};
	for (const [param, key] of Object.entries(ROBOT_KEYS) as Array<
		[keyof typeof ROBOT_KEYS, string]
	>) {
		const text = robot[param].trim();
		if (!text) continue;
		const value = wholeNumber(text);
		if (value === undefined)
			return { field: `custom.${key}`, message: `${key} must be a whole number (got "${text}")` };
		if (key in extra) {
			return {
				field: `custom.${key}`,
				message: `${key} is set both in its own field and in Additional Custom Fields; keep one`,
			};
		}
		custom[key] = value;
	}
	return JSON.stringify({ ...custom, ...extra });
}

/**
 * Checks one receiver's input and converts it.
 * @returns the prepared receiver, or the first broken rule (AIRudder field + sentence).
 */
export function prepareReceiver(input: TemplateReceiverInput): PreparedReceiver | Problem {
	const templateText = input.templateId.trim();
	if (!templateText) return { field: 'template_id', message: 'Template ID is required' };
	const templateId = wholeNumber(templateText);
	if (templateId === undefined)
		return {
			field: 'template_id',
			message: `Template ID must be a whole number (got "${templateText}")`,
		};
	const channelId = input.channelId.trim();
	if (!channelId)
		return {
			field: 'channel_id',
			message: 'Channel ID (the WABA account that owns the template) is required',
		};
	const receiverId = input.receiverId.trim();
	if (!receiverId)
		return { field: 'receivers[].id', message: "Receiver's WhatsApp ID is required" };
	const custom = buildCustom(input, input.extraCustom);
	if (typeof custom !== 'string') return custom;
	const variables: Record<string, string> = {};
	for (const [name, value] of Object.entries(pairsToObject(input.variables))) {
		variables[name] =
			value === undefined || value === null
				? ''
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value);
	}
	return { template_id: templateId, channel_id: channelId, custom, variables, receiverId };
}

/** Type guard for `prepareReceiver`'s result. */
export function isProblem(value: PreparedReceiver | Problem): value is Problem {
	return 'message' in value;
}

/** Receivers that can share one request: same template, channel, custom and variables. */
interface ReceiverGroup<T> {
	head: Omit<PreparedReceiver, 'receiverId'>;
	members: Array<T & { receiver: PreparedReceiver }>;
}

/**
 * Groups receivers that can go into ONE request, keeping the input order (groups in order of their
 * first member; variables compare as sets of name/value pairs). The docs show one `template[].variable` set per request for all its receivers, so
 * receivers whose variables (or template, channel, custom) differ go into separate requests.
 */
export function groupReceivers<T>(
	entries: Array<T & { receiver: PreparedReceiver }>,
): Array<ReceiverGroup<T>> {
	const groups = new Map<string, ReceiverGroup<T>>();
	for (const entry of entries) {
		const { template_id, channel_id, custom, variables: named } = entry.receiver;
		const head = { template_id, channel_id, custom, variables: named };
		const variables = Object.entries(named).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		const key = JSON.stringify([head.template_id, head.channel_id, head.custom, variables]);
		const group = groups.get(key) ?? { head, members: [] };
		group.members.push(entry);
		groups.set(key, group);
	}
	return [...groups.values()];
}

/**
 * The request body for one group, keys in the docs' order.
 * @param timestamp Unix time of the request in SECONDS.
 */
export function templateSendBody(
	head: ReceiverGroup<unknown>['head'],
	receiverIds: string[],
	timestamp: number,
): IDataObject {
	return {
		template_id: head.template_id,
		timestamp,
		channel: TEMPLATE_CHANNEL,
		channel_id: head.channel_id,
		receivers: receiverIds.map((id) => ({ id })),
		...(Object.keys(head.variables).length > 0 ? { template: [{ variable: head.variables }] } : {}),
		custom: head.custom,
	};
}
