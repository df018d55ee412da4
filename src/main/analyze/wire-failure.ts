/**
 * What a failed call to 168.63.129.16 says, one classification for every rule that reads them
 * (rules/no-network-wireserver.ts, rules/agent-unresponsive.ts).
 *
 * A failure is a network failure when nothing answered (IOError, timeout, unreachable, refused, reset): an HTTP
 * status (`[410: Gone]`, `[502: Bad Gateway]`, 403) means the endpoint answered, except 503 (UNAVAILABLE).
 */
const NETWORK = /IOError|timed out|\bTimeout\b|unreachable|refused|reset by peer|No route|Errno (?:101|104|110|111|113)|Name or service not known|Connection aborted|RemoteDisconnected/i;
const ANSWERED = /\[\d{3}: /;
/**
 * 503 Service Unavailable from 168.63.129.16 is the exception: Microsoft documents it as the VM not reaching the
 * WireServer (Windows GetVersions 503) and the agent's maintainers read it as access blocked by a firewall or NSG
 * (WALinuxAgent #797). Its wordings: the 2.0.x single-file agent's `HTTP Err: Status=503` (WALinuxAgent #95, reaching
 * here as `answered HTTP 503: …` from parse/waagent), `Service temporarily unavailable, sleeping 15s …` and `Calling
 * wire server failed: 503` (≤2.2.17), `[Wireserver Failed] URI … [HTTP Failed] Status Code 503` and `[HTTP Retry] GET
 * … -- Status Code 503` (2.2.18+), and restutil's `[HTTP Failed] [503: Service Unavailable]` (later agents); the
 * Windows agent's `GetVersions() failed … (503) Server Unavailable` reaches here as `answered HTTP 503: …` (parse/windows
 * netDetail). But a 503 is an answer: the agent's own restutil lists 503 among its THROTTLE_CODES, and its maintainers
 * made the agent sleep through WireServer 503s rather than fail (#361, PR #405), because the host returns them while
 * busy or restarting. So 503s alone say "blocked or host side", never more than medium; a timeout, refusal or reset is
 * what proves the path.
 */
const UNAVAILABLE = /^Service temporarily unavailable, sleeping|Calling wire server failed: 503\b|Status Code 503\b|\[503: Service Unavailable\]|^answered HTTP 503\b/;

/** Nothing answered: the path to the endpoint failed. */
export const noPath = (detail: string): boolean => NETWORK.test(detail) && !ANSWERED.test(detail);
/** The endpoint could not be used: no answer, or a 503. */
export const unreachable = (detail: string): boolean => UNAVAILABLE.test(detail) || noPath(detail);

/**
 * A goal-state error that is the WireServer channel failing (no answer, an HTTP status, the WireServer's URL), not
 * the agent failing at its own work: such errors are the network's evidence, and the same outage logged on more
 * nights is not an agent that stopped working.
 */
export const channelFailure = (detail: string): boolean =>
  unreachable(detail) || /\[HTTP (?:Failed|Retry)\]|\[HttpError\]|\[Wireserver (?:Exception|Failed)\]|\[ResourceGoneError\]|168\.63\.129\.16|wire server|vmSettings/i.test(detail);

/**
 * A call the agent makes to report, not to be told what to do: telemetry events (`comp=telemetrydata`), health
 * observations (`/HealthService`), the HostGAPlugin heartbeat (`:32526/health`). No goal state comes by them, and the
 * agent retries them quietly (the corpus's "Error in SendHostPluginHeartbeat … Will not log the same error for the
 * next hour"): one that failed once is a hiccup healthy VMs log too.
 */
export const reportingCall = (urlOrDetail: string): boolean => /comp=telemetrydata|\/HealthService\b|:32526\/health\b/i.test(urlOrDetail);
