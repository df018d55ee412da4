// Types for the benchmark's input generators (generate.mjs), which tests reuse as realistic data.
export function waagentLogGenerator(startMs?: number): () => string;
export function extensionLogGenerator(startMs?: number): () => string;
export function verboseWaagentLogGenerator(startMs?: number): () => string;
export function infoHeavyWaagentLogGenerator(startMs?: number): () => string;
export function brokenAgentWaagentLogGenerator(startMs?: number): () => string;
export const WAAGENT_MIXES: Record<'verbose' | 'info' | 'broken' | 'dense', (startMs?: number) => () => string>;
export function generateWaagentLog(path: string, bytes: number, mix?: 'verbose' | 'info' | 'broken' | 'dense'): Promise<number>;
export function generateExtensionLog(path: string, tasks: number): Promise<number>;
export function generateAzureTree(root: string, count: number): void;
export function generateLogsZip(path: string, bytes: number): Promise<void>;
