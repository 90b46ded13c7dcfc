// Three projects: `unit` (pure functions), `workflow` (our nodes run by n8n-core's WorkflowExecute
// against the sandbox over real HTTP on 127.0.0.1) and `e2e` (the real n8n 2.41.1 process).
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
	testEnvironment: 'node',
	transform: tsJest,
	moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
	// Workflow and e2e tests talk to real servers; e2e tests set longer limits where needed.
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'workflow',
			testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
