import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findList } from '../helpers/contacts';
import { airudderApiRequest } from '../transport/voice/request';
import { ENDPOINTS } from '../transport/voice/endpoints';
import { robotEntry } from './robots';

/**
 * Robots of the account for the Robot resource locator (`GET /service/cloud/robot`), filtered
 * case-insensitively by `filter` on name or ID.
 */
export async function searchRobots(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await airudderApiRequest.call(this, ENDPOINTS.listRobots);
	const needle = (filter ?? '').toLowerCase();
	const results = findList(response.data)
		.map(robotEntry)
		.filter((entry): entry is { name: string; value: string } => entry !== undefined)
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}
