/** The tool's version, stamped into results and reports (kept in step with package.json by a test). */
export const TOOL_VERSION = '0.1.0';
