import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pairsToObject } from '../../../helpers/contacts';
import {
	encodeCallbackUrl,
	flatContact,
	pdsPhoneProblem,
	pdsScheduleProblem,
	pdsTaskNameProblem,
} from '../rules';
import { PDS_ENDPOINTS } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';
import { asNodeError, jsonObjectParameter, requiredString } from '../../shared/operations';
import { failEveryItem } from '../../shared/outcomes';
import { pdsAccountTimeZone, pdsInputError, pdsTimeParameter } from '../common';
import { readWaitSettings, waitForCompletion, type WaitSettings } from './create/wait';
import { readDiallingSettings } from './settings.properties';

/**
 * Task → Create (Predictive Dialer): `POST /service/callcenter/call/predict/createtask`. Every
 * input item is one contact of `customizeContacts`; all contacts of an execution go into ONE task.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsCreateTask`).
 */
export { description } from './create.properties';

interface Contact {
	itemIndex: number;
	contact: IDataObject;
}

/** One contact per item: the item's fields (or none), the Contact Fields, and `phonenumber`. */
function readContact(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Contact {
	const source = this.getNodeParameter('contactSource', itemIndex, 'item') as string;
	const pairs = this.getNodeParameter('contactFields.field', itemIndex, []) as Array<{
		name?: string;
		value?: unknown;
	}>;
	const phone = this.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	const fields = {
		...(source === 'item' ? item.json : {}),
		...pairsToObject(pairs),
		phonenumber: typeof phone === 'string' ? phone.replace(/[\s-]/g, '') : phone,
	} as IDataObject;
	const flat = flatContact(fields);
	if ('field' in flat) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: contact field "${flat.field}" is an object or a list; a PDS contact takes only text values`,
			{ itemIndex, description: 'Map it to a text value, or choose "Only the Fields Below".' },
		);
	}
	const problem = pdsPhoneProblem('phonenumber', flat.contact.phonenumber);
	if (problem) throw pdsInputError.call(this, problem, itemIndex);
	return { itemIndex, contact: flat.contact };
}

/** The task-level body fields (from the first item), validated. */
function readTask(this: IExecuteFunctions): IDataObject {
	const taskName = requiredString.call(this, 'taskName', 'Task Name', 0);
	const nameProblem = pdsTaskNameProblem('taskName', taskName);
	if (nameProblem) throw pdsInputError.call(this, nameProblem, 0);
	const timeZone = pdsAccountTimeZone.call(this, 0);
	const startTime = pdsTimeParameter.call(this, 'startTime', 'Start Time', 0, timeZone, true);
	const autoEndTime = pdsTimeParameter.call(
		this,
		'autoEndTime',
		'Auto End Time',
		0,
		timeZone,
		true,
	);
	const scheduleProblem = pdsScheduleProblem(startTime, autoEndTime, timeZone, new Date());
	if (scheduleProblem) throw pdsInputError.call(this, scheduleProblem, 0);
	const callbackUrl = String(this.getNodeParameter('callback', 0, '') ?? '').trim();
	if (callbackUrl && !/^https?:\/\/[^\s]+$/i.test(callbackUrl)) {
		throw pdsInputError.call(
			this,
			{
				code: 10504,
				field: 'callback',
				message: `Callback URL "${callbackUrl}" is not an http(s) URL`,
			},
			0,
		);
	}
	return {
		taskName,
		startTime,
		autoEndTime,
		groupName: requiredString.call(this, 'groupName', 'Skill Group', 0),
		remark: taskName,
		callback: callbackUrl ? encodeCallbackUrl(callbackUrl) : '',
		contactList: [],
		...readDiallingSettings.call(this, 0, true),
		...jsonObjectParameter.call(this, 'additionalBodyFields', 'Additional Body Fields', 0),
	};
}

/** What Wait for Completion needs of the created task (times as sent, in the account zone). */
function waitedTask(this: IExecuteFunctions, task: IDataObject, body: IDataObject) {
	return {
		taskId: String(body.taskId ?? ''),
		taskName: String(task.taskName),
		startTime: String(task.startTime),
		autoEndTime: String(task.autoEndTime),
		timeZone: pdsAccountTimeZone.call(this, 0),
	};
}

/** The phone number an `errorContactList` entry names (its shape is unknown), if any. */
function rejectedNumber(entry: unknown, numbers: Set<string>): string | undefined {
	if (typeof entry === 'string') return numbers.has(entry) ? entry : undefined;
	if (entry && typeof entry === 'object') {
		for (const value of Object.values(entry as IDataObject)) {
			if (typeof value === 'string' && numbers.has(value)) return value;
		}
	}
	return undefined;
}

/**
 * One output item per contact: `{taskId, taskName, phonenumber, rejected, rejection?}`, plus one
 * item (paired to every contact) per `errorContactList` entry that names no contact's number.
 */
function contactResults(
	contacts: Contact[],
	taskName: string,
	body: IDataObject,
): INodeExecutionData[] {
	const numbers = new Set(contacts.map(({ contact }) => String(contact.phonenumber)));
	const byNumber = new Map<string, unknown[]>();
	const unmatched: unknown[] = [];
	for (const entry of (body.errorContactList as unknown[] | undefined) ?? []) {
		const number = rejectedNumber(entry, numbers);
		if (number === undefined) unmatched.push(entry);
		else byNumber.set(number, [...(byNumber.get(number) ?? []), entry]);
	}
	const items: INodeExecutionData[] = contacts.map(({ itemIndex, contact }) => {
		const rejection = byNumber.get(String(contact.phonenumber));
		return {
			json: {
				taskId: body.taskId as string,
				taskName,
				phonenumber: contact.phonenumber,
				rejected: rejection !== undefined,
				...(rejection ? { rejection: rejection.length === 1 ? rejection[0] : rejection } : {}),
			} as IDataObject,
			pairedItem: { item: itemIndex },
		};
	});
	for (const entry of unmatched) {
		items.push({
			json: {
				taskId: body.taskId as string,
				taskName,
				rejected: true,
				rejection: entry,
			} as IDataObject,
			pairedItem: contacts.map(({ itemIndex }) => ({ item: itemIndex })),
		});
	}
	return items;
}

/** The contacts' items and the failed items (On Error: Continue), in input order. */
function inInputOrder(
	contactItems: INodeExecutionData[],
	failed: INodeExecutionData[],
): INodeExecutionData[] {
	const index = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	return [...contactItems, ...failed].sort((a, b) => index(a) - index(b));
}

/**
 * Validates the task and every contact before any request (PDS errors 10509, 10510, 10518, 10620,
 * 10621 are caught here), then sends one createtask request. Never retried (it would dial twice).
 * With Settings → On Error → Continue, a bad contact becomes `{ taskName, error }` on its own item
 * and the other contacts are sent; a task-level problem becomes `{ error }` on every item.
 *
 * @returns one item per input item `{taskId, taskName, phonenumber, rejected, rejection?}`; with
 *   Wait for Completion also `taskState`, `timedOut` and `calls` (see create/wait.ts).
 * @throws NodeOperationError naming the item and field on bad input (nothing sent); NodeApiError
 *   "AIRudder PDS error <code>: …" when AIRudder refuses the task.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	let task: IDataObject;
	let wait: WaitSettings | undefined;
	try {
		task = readTask.call(this);
		wait = readWaitSettings.call(this);
	} catch (error) {
		return failEveryItem.call(this, items, error);
	}
	const contacts: Contact[] = [];
	const failed: INodeExecutionData[] = [];
	for (const [itemIndex, item] of items.entries()) {
		try {
			contacts.push(readContact.call(this, item, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError.call(this, error, itemIndex);
			failed.push({
				json: { taskName: task.taskName, error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	}
	if (!contacts.length) return failed;
	try {
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.createTask,
			{ ...task, customizeContacts: contacts.map(({ contact }) => contact) },
			0,
		)) as IDataObject;
		const results = contactResults(contacts, task.taskName as string, body);
		const done = wait
			? await waitForCompletion.call(this, wait, waitedTask.call(this, task, body), results)
			: results;
		// one item per contact, then the unmatched rejections or call records (paired to every contact)
		return [
			...inInputOrder(done.slice(0, contacts.length), failed),
			...done.slice(contacts.length),
		];
	} catch (caught) {
		const error = asNodeError.call(this, caught, 0);
		if (!this.continueOnFail()) throw error;
		const errors = contacts.map(({ itemIndex }) => ({
			json: { taskName: task.taskName, error: error.message },
			pairedItem: { item: itemIndex },
		}));
		return inInputOrder(errors, failed);
	}
}
