/**
 * A JSON answer of the sandbox as the tests read it: any field at any depth, each assertion
 * checking the shape it reads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose reads of JSON answers in assertions; typing each answer would repeat the sandbox
export type Json = Record<string, any>;
