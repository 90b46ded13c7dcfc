import type { IDataObject } from 'n8n-workflow';

import { withIsoTimes } from '../helpers/time';
import { QA_REPORT_EVENT, UNKNOWN_EVENT, type AirudderEvent, type PayloadShape } from './events';
import { qaReportItems } from './qaReport';

/** Value of the Events parameter that selects every recognised event. */
export const ALL_EVENTS = '*';

const WABA_STATUS_EVENT = 'workflowWabaMessageStatusChanged';

/**
 * The documented WABA message statuses (the WABA message status notification page). The page prints the enum run together as
 * `waitsenddeliveryreadrepliedfailed`; the reference reads it as `waitsend`, the README as
 * `wait` + `send`, so the "waitsend" option matches all three spellings.
 */
export const WABA_STATUSES: ReadonlyArray<{
	name: string;
	value: string;
	description: string;
	matches: readonly string[];
}> = [
	{
		name: 'Delivered',
		value: 'delivery',
		description: 'Status "delivery"',
		matches: ['delivery'],
	},
	{ name: 'Failed', value: 'failed', description: 'Status "failed"', matches: ['failed'] },
	{ name: 'Read', value: 'read', description: 'Status "read"', matches: ['read'] },
	{ name: 'Replied', value: 'replied', description: 'Status "replied"', matches: ['replied'] },
	{
		name: 'Waiting or Sent',
		value: 'waitsend',
		description: 'Status "waitsend", "wait" or "send"',
		matches: ['waitsend', 'wait', 'send'],
	},
];

/** What the user chose: which events start the workflow, and the optional field filters. */
export interface RoutingSettings {
	/** Selected event keys, or `['*']` for every recognised event. */
	events: readonly string[];
	/** Whether callbacks no documented shape matches start the workflow too. */
	includeUnknown: boolean;
	/** WABA message statuses to keep (option values of {@link WABA_STATUSES}); empty = all. */
	wabaStatuses: readonly string[];
	/** `workflow_id` values to keep; empty = all. Callbacks without a top-level `workflow_id` are not affected. */
	workflowIds: readonly string[];
}

/** The outcome for one accepted callback: start the workflow as `event`, or answer 200 `{}` and stop. */
type Routing = { start: true; event: string } | { start: false; reason: string };

function specificity(shape: PayloadShape): number {
	return shape.fields.length + Object.keys(shape.values ?? {}).length;
}

function matches(body: IDataObject, shape: PayloadShape): boolean {
	if (!shape.fields.every((field) => Object.prototype.hasOwnProperty.call(body, field)))
		return false;
	return Object.entries(shape.values ?? {}).every(([field, allowed]) => {
		const value = body[field];
		return typeof value === 'string' && allowed.includes(value);
	});
}

/**
 * Recognises a callback body: tries every documented shape of the catalogue, most specific first
 * (most required fields + discriminators), and returns the keys of ALL events sharing the first shape
 * that matches (e.g. `workflowPdsTaskStatusChanged` and `leadsGenPdsTaskStatusChanged`), in catalogue
 * order. An empty list means `unknown`.
 */
export function recogniseEvents(body: IDataObject, catalogue: readonly AirudderEvent[]): string[] {
	const shapes = [...new Set(catalogue.flatMap((event) => (event.shape ? [event.shape] : [])))];
	shapes.sort((a, b) => specificity(b) - specificity(a));
	const shape = shapes.find((candidate) => matches(body, candidate));
	return shape ? catalogue.filter((event) => event.shape === shape).map((event) => event.key) : [];
}

/** Why the field filters drop this callback, or `undefined` when they keep it. */
function filterReason(
	body: IDataObject,
	event: string,
	settings: RoutingSettings,
): string | undefined {
	if (settings.workflowIds.length && typeof body.workflow_id === 'string') {
		if (!settings.workflowIds.includes(body.workflow_id))
			return 'workflow_id not in the Workflow IDs filter';
	}
	if (event === WABA_STATUS_EVENT && settings.wabaStatuses.length) {
		const kept = WABA_STATUSES.filter((status) =>
			settings.wabaStatuses.includes(status.value),
		).flatMap((s) => s.matches);
		if (!kept.includes(String(body.status)))
			return 'WABA status not in the WABA Message Statuses filter';
	}
	return undefined;
}

/**
 * Decides whether an accepted callback starts the workflow.
 *
 * The event is the first event (catalogue order) of the recognised shape that the user selected;
 * `unknown` when no documented shape matches (then {@link RoutingSettings.includeUnknown} decides).
 * Filters apply after recognition, to unknown callbacks too. A callback that does not start the
 * workflow is still answered 200 `{}` by the caller, so AIRudder does not retry it.
 */
export function routeCallback(
	body: IDataObject,
	catalogue: readonly AirudderEvent[],
	settings: RoutingSettings,
): Routing {
	const candidates = recogniseEvents(body, catalogue);
	let event: string | undefined = UNKNOWN_EVENT;
	if (candidates.length) {
		const all = settings.events.includes(ALL_EVENTS);
		event = candidates.find((key) => all || settings.events.includes(key));
		if (!event) return { start: false, reason: `event ${candidates[0]} is not selected` };
	} else if (!settings.includeUnknown) {
		return {
			start: false,
			reason: 'unrecognised callback and Include Unrecognised Callbacks is off',
		};
	}
	const filtered = filterReason(body, event, settings);
	return filtered ? { start: false, reason: filtered } : { start: true, event };
}

/** The `type` values of AIRudder Predictive Dialer (PDS) callbacks (the callback envelope `{type, body}` a production client receives; no doc page). */
const PDS_CALLBACK_TYPES = ['TaskStatus', 'ContactStatus', 'AgentStatus'];

/**
 * The output item's JSON for an accepted callback: the body unchanged, except that a PDS callback
 * (`{type: TaskStatus|ContactStatus|AgentStatus, body}`) whose `body.timestamp` is epoch
 * milliseconds also gets `body.timestampIso` (UTC ISO 8601). Pure; the input is not mutated.
 */
export function callbackOutput(body: IDataObject): IDataObject {
	const inner = body.body;
	if (
		typeof body.type !== 'string' ||
		!PDS_CALLBACK_TYPES.includes(body.type) ||
		!inner ||
		typeof inner !== 'object' ||
		Array.isArray(inner) ||
		(inner as IDataObject).timestamp === undefined
	)
		return body;
	return { ...body, body: withIsoTimes(inner as IDataObject, ['timestamp']) };
}

/**
 * The output items' JSON for an accepted callback recognised as `event`: a QA report gives one item
 * per analysed recording (qaReport.ts `qaReportItems`, none for an empty QADetail), every other
 * callback one item ({@link callbackOutput}). Pure.
 */
export function callbackItems(body: IDataObject, event: string): IDataObject[] {
	return event === QA_REPORT_EVENT ? qaReportItems(body) : [callbackOutput(body)];
}
