import type { INodeProperties } from 'n8n-workflow';

import { customApiCallOperation } from '../../shared/customApiCall';
import * as apiCall from './apiCall.operation';

/** Custom API Call: reach any QA endpoint with the QA credential's Bearer token. */
export const operations = { apiCall };

export const description: INodeProperties[] = [
	customApiCallOperation(apiCall.options),
	...apiCall.description,
];
