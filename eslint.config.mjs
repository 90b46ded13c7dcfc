// `npm run lint` = this config (`eslint . --max-warnings 0`) + `prettier --check .`.
//
// It applies what n8n's `n8n-node lint` applies (@n8n/node-cli's configs/eslint.ts), widened to
// the whole repository:
// - every TypeScript file: ESLint recommended, typescript-eslint recommended, import-x
//   recommended (TypeScript resolver);
// - shipped code (credentials/, nodes/, index.ts): @n8n/eslint-plugin-community-nodes
//   `recommended` (the n8n Cloud rule set: no process/setTimeout globals, no runtime imports,
//   pairedItem, usableAsTool, icons, ...) and no-console;
// - package.json: community-nodes `recommended` and eslint-plugin-n8n-nodes-base `community`;
// - credentials/ and nodes/: eslint-plugin-n8n-nodes-base `credentials` / `nodes`, with the
//   same rules switched off as n8n-node lint (each one says why).
// The community-nodes rules are scoped to shipped code: the sandbox, tests and scripts are
// dev-only and legitimately use the file system, timers and the environment.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const SHIPPED = ['credentials/**/*.ts', 'nodes/**/*.ts', 'index.ts'];
const communityNodes = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist/', 'coverage/', 'test/artifacts/', '.tmp/']),
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			importX.flatConfigs.recommended,
		],
		settings: { 'import-x/resolver': { typescript: true } },
		rules: {
			// As in n8n-node lint.
			'prefer-spread': 'off',
			// As n8n's own base config: `const { omitted: _omitted, ...rest } = value` omits a key.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// Plain CommonJS files: gulpfile, jest config, the jest reporter, e2e fixture nodes.
		files: ['**/*.js'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				__dirname: 'readonly',
				process: 'readonly',
			},
		},
	},
	{
		files: SHIPPED,
		...communityNodes,
		rules: { ...communityNodes.rules, 'no-console': 'error' },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		plugins: communityNodes.plugins,
		rules: {
			...communityNodes.rules,
			...n8nNodesBase.configs.community.rules,
			// The package has no public repository or contact address yet, and none may be made up:
			// add `homepage` and `author.email` to package.json before publishing, then delete these.
			'@n8n/community-nodes/require-homepage': 'off',
			'@n8n/community-nodes/valid-author': 'off',
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// As in n8n-node lint: community credentials link to a full URL, not an n8n docs slug.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// As in n8n-node lint: community-nodes' credential-password-field is the accurate one.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// As in n8n-node lint: inputs/outputs use the NodeConnectionTypes enum, not "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// As in n8n-node lint: a third-party API may have a real maximum.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
