import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { assignDetailErrors, type DetailError } from '../../../../helpers/contacts';
import { contactProblem } from '../validation';

/**
 * Task → Create outcomes: one per contact, whichever side rejected it (the node's own check or
 * AIRudder's `detail_error_list`). Pure functions over the batches of one execution.
 */

/**
 * Why a contact was rejected: a `detail_error_list` entry as AIRudder sent it (`field` e.g.
 * `Details[1]`, `msg`, `comments`), or the node's own check in the same shape (`field` the contact
 * field, e.g. `Mobile`, `msg` the rule it breaks, `comments` the contact's Comments); `rejectedBy`
 * says which.
 */
type Rejection = DetailError & { rejectedBy: 'node' | 'AIRudder' };

/** One contact (callee) of the list: its input item, the contact as sent, its rejections. */
export interface PreparedContact {
	itemIndex: number;
	contact: IDataObject;
	/** Empty while the contact is valid. */
	rejections: Rejection[];
}

/** One task of the list (a list above 10,000 contacts is split into several). */
export interface Batch {
	/** The Task Name sent (`<Task Name>-<n>` when split). */
	name: string;
	contacts: PreparedContact[];
	/** The TaskID AIRudder answered, once the task exists. */
	taskId?: string;
	/** `detail_error_list` entries that name no contact of the request. */
	unmatched: Rejection[];
	/** Why this batch's task was not created (its request failed, or it was never sent). */
	error?: string;
}

/** Runs the node's own contact checks; each broken rule becomes a `rejectedBy: 'node'` rejection. */
export function checkContacts(contacts: PreparedContact[]): void {
	for (const entry of contacts) {
		const problem = contactProblem(entry.contact);
		if (problem) {
			entry.rejections.push({
				field: problem.field,
				msg: problem.message,
				comments: String(entry.contact.Comments ?? ''),
				rejectedBy: 'node',
			});
		}
	}
}

/** The contacts of a batch that nothing has rejected (those that are sent). */
export function sendable(batch: Batch): PreparedContact[] {
	return batch.contacts.filter((entry) => entry.rejections.length === 0);
}

/**
 * Puts AIRudder's `detail_error_list` (of a request that carried `sent`, in that order) on the
 * contacts it names (`Details[n]`, 0-based); entries naming none are kept on the batch.
 */
export function applyDetailErrors(batch: Batch, sent: PreparedContact[], list: unknown): void {
	const { byIndex, unmatched } = assignDetailErrors(
		Array.isArray(list) ? (list as DetailError[]) : undefined,
		sent.length,
	);
	const fromAirudder = (error: DetailError): Rejection => ({ ...error, rejectedBy: 'AIRudder' });
	for (const [position, errors] of byIndex)
		sent[position].rejections.push(...errors.map(fromAirudder));
	batch.unmatched.push(...unmatched.map(fromAirudder));
}

/** How many contacts (and unmatched entries) of the batches are rejected. */
export function rejectedCount(batches: Batch[]): number {
	let count = 0;
	for (const batch of batches) {
		count += batch.unmatched.length;
		for (const entry of batch.contacts) if (entry.rejections.length > 0) count++;
	}
	return count;
}

/** `item 3 (Mobile: …)` for each rejected contact, at most `limit` of them. */
export function describeRejected(batches: Batch[], limit: number): string[] {
	const lines: string[] = [];
	for (const batch of batches) {
		for (const { itemIndex, rejections } of batch.contacts) {
			if (rejections.length === 0) continue;
			if (lines.length >= limit) return lines;
			const why = rejections.map((r) => `${String(r.field)}: ${String(r.msg)}`).join('; ');
			lines.push(`item ${itemIndex} (${why})`);
		}
		for (const r of batch.unmatched) {
			if (lines.length >= limit) return lines;
			lines.push(`a contact AIRudder did not identify (${String(r.field)}: ${String(r.msg)})`);
		}
	}
	return lines;
}

/** `items 0–9999` of a batch (its items are consecutive). */
export function itemRange(batch: Batch): string {
	const first = batch.contacts[0]?.itemIndex ?? 0;
	const last = batch.contacts[batch.contacts.length - 1]?.itemIndex ?? first;
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

/**
 * One output item per contact, paired to its input item, in input order:
 * `{ TaskID?, TaskName, Mobile, created, rejected, rejection?, error? }` — `created` is true when
 * the contact is in a task that exists; `rejection` is one {@link Rejection} or an array of them;
 * `error` is the batch's error or `failure` (a failure of the whole list). After each batch, one
 * item per unmatched `detail_error_list` entry, paired to every contact of the batch.
 * `checkOnly` (Perform 2): nothing is created, whatever AIRudder answered.
 */
export function contactResults(
	batches: Batch[],
	checkOnly: boolean,
	failure?: string,
): INodeExecutionData[] {
	const results: INodeExecutionData[] = [];
	for (const batch of batches) {
		const error = batch.error ?? failure;
		const common: IDataObject = {
			...(batch.taskId !== undefined ? { TaskID: batch.taskId } : {}),
			TaskName: batch.name,
		};
		for (const { itemIndex, contact, rejections } of batch.contacts) {
			const rejected = rejections.length > 0;
			results.push({
				json: {
					...common,
					Mobile: contact.Mobile,
					created: !checkOnly && !rejected && batch.taskId !== undefined,
					rejected,
					...(rejected ? { rejection: rejections.length === 1 ? rejections[0] : rejections } : {}),
					...(error !== undefined ? { error } : {}),
				} as IDataObject,
				pairedItem: { item: itemIndex },
			});
		}
		for (const rejection of batch.unmatched) {
			results.push({
				json: { ...common, created: false, rejected: true, rejection } as IDataObject,
				pairedItem: batch.contacts.map(({ itemIndex }) => ({ item: itemIndex })),
			});
		}
	}
	return results;
}
