import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * AIRudder Callback credential: the secrets the AIRudder triggers check on INCOMING callbacks
 * (a shared secret and where it travels, the AES key and mode). Kept in a credential (encrypted
 * by n8n, never in workflow JSON or exports), as n8n's own triggers keep their signing secrets.
 *
 * AIRudder documents no signature or custom header on its callbacks, only the URL it posts to, so
 * the secret AIRudder itself can carry is a query parameter of that URL. Encrypted callbacks:
 * AIRudder's callback-encryption page could not be read; the API's scheme is assumed (see
 * nodes/Airudder/trigger/verifySignature.ts).
 *
 * QA (speech analytics) reports carry their own `Sign` (md5 of TaskID + a key, the QA Sign Key;
 * checked by nodes/Airudder/trigger/verifyQaSign.ts).
 *
 * The credential test (the triggers' `testedBy`, trigger/webhook.ts `testCallbackCredential`) makes
 * no request: it checks the values as a callback would use them (secret given, names usable, AES
 * key length).
 *
 * Doc: https://api-docs.airudder.com/apidoc/docs-site/1780479/api-285317014 (callback pages)
 */
export class AirudderCallbackApi implements ICredentialType {
	name = 'airudderCallbackApi';

	displayName = 'AIRudder Callback API';

	icon: Icon = { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' };

	documentationUrl = 'https://api-docs.airudder.com/apidoc/docs-site/1780479/api-285317014';

	properties: INodeProperties[] = [
		{
			displayName: 'Shared Secret',
			name: 'carriedIn',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'Accept callbacks without a secret' },
				{
					name: 'In URL Query Parameter',
					value: 'query',
					description:
						'Add ?&lt;name&gt;=&lt;secret&gt; to the Production URL you give AIRudder (AIRudder only takes a URL: this is the form it can send)',
				},
				{
					name: 'In a Header',
					value: 'header',
					description:
						'Only if a proxy in front of n8n adds the header: AIRudder documents no custom callback headers',
				},
			],
			default: 'none',
			description:
				'Refuse callbacks (HTTP 401, no execution) that do not carry this secret. Compared in constant time.',
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryName',
			type: 'string',
			default: 'secret',
			description: 'The URL query parameter that carries the secret',
			displayOptions: { show: { carriedIn: ['query'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: '',
			placeholder: 'e.g. X-Callback-Secret',
			description: 'The request header that carries the secret (any letter case)',
			displayOptions: { show: { carriedIn: ['header'] } },
		},
		{
			displayName: 'Secret',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The shared secret. In a query parameter it may only use letters, digits, ".", "_", "~" and "-" (the URL needs no encoding then).',
			displayOptions: { show: { carriedIn: ['query', 'header'] } },
		},
		{
			displayName: 'AES Decryption',
			name: 'encryption',
			type: 'options',
			options: [
				{ name: 'Off', value: 'off', description: 'Refuse encrypted callbacks (HTTP 400)' },
				{
					name: 'When Marked Encrypted',
					value: 'ifMarked',
					description:
						'Decrypt callbacks sent with Is-Encrypted: 1 (checking Signed when sent), accept plain JSON ones',
				},
				{
					name: 'Required',
					value: 'required',
					description:
						'Refuse callbacks that are not encrypted or carry no valid Signed header (HTTP 400)',
				},
			],
			default: 'off',
			description:
				"For callbacks AIRudder encrypts. AIRudder's callback-encryption page could not be read: this assumes the API's scheme (base64 AES-ECB body with zero padding, headers Is-Encrypted: 1 and Signed: SHA-256 of the plaintext, an integrity check that does not prove the sender). Encrypted callbacks must not be sent as application/json: n8n refuses them with HTTP 422 before the trigger runs (text/plain works).",
		},

		{
			displayName: 'AES Key',
			name: 'aesSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The AES key AIRudder gave you (16, 24 or 32 characters)',
			displayOptions: { show: { encryption: ['ifMarked', 'required'] } },
		},
		{
			displayName: 'QA Sign Key',
			name: 'qaSignKey',
			type: 'string',
			default: 'airudder',
			description:
				'AIRudder Trigger, QA reports: the key in Sign = md5 hex of TaskID + key. A missing or wrong Sign is refused (HTTP 400, no execution). The reference shows this fixed key ("airudder", from one customer\'s production code; AIRudder publishes no QA doc page); whether it differs per customer is unknown. Sign covers only TaskID, so also set a Shared Secret.',
		},
	];
}
