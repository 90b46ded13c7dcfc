import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { envelopeMessage } from '../../helpers/errors';
import type { AirudderFile } from '../core/answers';
import { coreDownload } from '../core/download';
import { coreRequest, type ApiGroup } from '../core/request';
import type { AirudderEndpoint } from '../endpoint';
import { PDS_CREDENTIAL_TYPE } from './endpoints';
import { describePdsCode, pdsCodeMeaning } from './errors';

/**
 * The Predictive Dialer (PDS) API on the request core: JSON bodies, `Authorization: Token <token>`
 * from the credential's form sign-in; an answer succeeds when its `code` is 0, and its payload is
 * the envelope's `body`. A refused code is worded from the PDS code table (errors.ts); messages
 * name the item ("Item 2: ...").
 */
export const PDS: ApiGroup<IDataObject | unknown[]> = {
	credentialType: PDS_CREDENTIAL_TYPE,
	label: 'AIRudder PDS',
	secretFields: ['appKey', 'appSecret', 'sessionToken'],
	secretHeaders: ['authorization'],
	itemInMessage: true,
	accept(endpoint, parsed) {
		const json = parsed.json;
		if (!json || json.code === undefined || Number(json.code) !== endpoint.successCode)
			return undefined;
		const payload = json.body;
		if (Array.isArray(payload)) return payload;
		return payload && typeof payload === 'object' ? (payload as IDataObject) : {};
	},
	explain(_endpoint, parsed) {
		const json = parsed.json ?? {};
		const own = envelopeMessage(json);
		if (json.code === undefined) return { own };
		return {
			code: json.code,
			own,
			meaning: pdsCodeMeaning(json.code),
			message: describePdsCode(json.code, own),
		};
	},
};

/**
 * Sends one PDS call with the `airudderPdsApi` credential and returns the envelope's `body`
 * (an object for most calls, an array of numbers for canceltaskcontacts; `{}` when it has none).
 *
 * - JSON body, `Authorization: Token <token>` added by the credential; n8n signs in again once
 *   (preAuthentication) when a call answers HTTP 401.
 * - The credential's Request Timeout applies to every attempt; redirects are refused.
 * - Reads (`endpoint.idempotent`: task list, call records, recording link) are retried on
 *   429/5xx/time-outs (transport/retry.ts); writes never are.
 *
 * @throws NodeApiError "Item i: AIRudder PDS error <code>: <message> — <description>" when `code`
 *   is not 0 (also under HTTP 200), "Item i: AIRudder PDS answered POST <path> with HTTP 503: ..."
 *   on HTTP errors, and the core's other sentences (no answer, redirect, refused sign-in).
 *   Credential values never appear in it.
 */
export async function pdsRequest(
	this: IExecuteFunctions,
	endpoint: AirudderEndpoint,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject | unknown[]> {
	return await coreRequest(this, PDS, endpoint, { body, itemIndex });
}

/**
 * Streams a file from a link a PDS answer gave (a recording), through the core's hand-followed
 * download: the token only on the Base URL's origin, at most 5 redirects, the credential's Max
 * Download Size.
 * @throws NodeApiError naming the item, the link and what happened.
 */
export async function pdsDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<AirudderFile> {
	return await coreDownload(this, PDS, url, itemIndex);
}
