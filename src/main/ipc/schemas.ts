/**
 * Runtime validation of every request that crosses IPC (the renderer is untrusted: it shows hostile
 * log text). The schemas live with their channels in the contract's map (src/shared/ipc/contract.ts).
 */
export { InvalidRequestError, validateRequest } from '../../shared/ipc/contract';
