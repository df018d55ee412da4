import type { BenignSighting, Fact, FactKind } from '../../shared';
import { gallopIndex } from '../../shared/sorted';
import { FactStore, literalAlternation, type TextTest } from '../records/fact-store';
import { eachPlaced, FieldReads, PositionBits, ReadTree, type FactSource } from './facts-index';

/**
 * Messages the agent writes that are known to be harmless in the situation they appear in. Each row
 * says why, with a public source. A benign fact is taken out of what the rules see and shown to the
 * engineer as "seen, known to be harmless" instead: a warning that every healthy VM of a distro
 * writes must never become the verdict.
 */

interface BenignRule {
  id: string;
  title: { en: string; nl: string };
  why: { en: string; nl: string };
  source: string;
  /** Per kind of fact it may match, its test (a fact of another kind is never tested). */
  tests: { readonly [K in FactKind]?: BenignTest<K> };
}
/** Whether a fact is the benign message: its fields say so, and what the agent did around its time (when it matters). */
interface BenignTest<K extends FactKind> {
  /** (its fields only, not its time nor evidence: a row's answer is kept for the rows of its tuple, a repeated message) */
  fields(fact: Omit<Extract<Fact, { kind: K }>, 'timeMs' | 'at'>, text: Texts): boolean;
  around?(timeMs: number, around: Around): boolean;
}

/** A fact's texts tested (`TextTest`): a row's answered once per distinct text (FactStore.answer). */
interface Texts {
  test(t: TextTest): boolean;
}

/** What the agent did around a time: the rows' context. */
export interface Around {
  /** A goal state was fetched or processed (or a fetch recovered) within [from, to] ms. */
  goalStateBetween(from: number, to: number): boolean;
}

const MIN = 60_000;
/** A failure followed within this time by a goal state fetched or processed was passing: the agent went on working. */
export const PASSING_WITHIN_MS = 15 * MIN;
const GOAL_STATE_FAILURE = literalAlternation(['vmSettings', '[ResourceGoneError]', '[410: Gone]', 'HTTP Retry'], 'i');
/** A goal-state failure's text (a goal-state error's detail; an HTTP failure's URL and detail). */
const GOAL_STATE_FAILURE_TEXT: TextTest = { keys: ['detail'], fenced: true, test: (detail) => GOAL_STATE_FAILURE.test(detail!) };
const GOAL_STATE_FAILURE_CALL: TextTest = { keys: ['url', 'detail'], fenced: true, test: (url, detail) => GOAL_STATE_FAILURE.test(`${url ?? ''} ${detail}`) };
const HEARTBEAT_CALL = literalAlternation(['SendHostPluginHeartbeat'], 'i');
const HEARTBEAT_CALL_TEXT: TextTest = { keys: ['detail'], fenced: true, test: (detail) => HEARTBEAT_CALL.test(detail!) };
// (`410` is hex digits: a GUID may hold it, so this test is not fenced)
const GONE = /ResourceGone|410/i;
const GONE_TEXT: TextTest = { keys: ['detail'], fenced: false, test: (detail) => GONE.test(detail!) };
/**
 * The agent's `Failed to set state: {error}` (exthandlers.py, one form since the 2015 refactor that wrote it) when the error is that the handler's
 * own `config/HandlerState` (MultiConfig: `config/<extension>.HandlerState`) has no folder to be written in.
 */
const STATE_BEFORE_FOLDER = /^Failed to set state: \[Errno 2\] No such file or directory: '[^']*\/config\/[^'/]*HandlerState'/;

/** A failure the agent worked on past: a goal state fetched or processed within minutes after it. */
function passing(t: number, around: Around): boolean {
  return Number.isFinite(t) && around.goalStateBetween(t + 1, t + PASSING_WITHIN_MS);
}

/** A goal state fetched or being processed: the agent working. */
const WORKING_EVENT: TextTest = { keys: ['event'], fenced: false, test: (e) => e === 'fetched' || e === 'processing-started' || e === 'processing-completed' };
/** A goal-state error that recovered (a row without the field answers with no fact built). */
const RECOVERED: TextTest = { keys: ['recovered'], fenced: false, test: (r) => Boolean(r) };

export const BENIGN: readonly BenignRule[] = [
  {
    id: 'dhcp-client-not-running',
    title: { en: '"Dhcp client is not running."', nl: '"Dhcp client is not running."' },
    why: {
      en: 'The agent looks only for the dhclient process; distros that use systemd-networkd or NetworkManager\'s internal DHCP client get this warning while DHCP works. The agent kept processing goal states around it.',
      nl: 'De agent zoekt alleen naar het proces dhclient; distributies die systemd-networkd of de interne DHCP-client van NetworkManager gebruiken krijgen deze waarschuwing terwijl DHCP werkt. De agent bleef er omheen doelstatussen verwerken.',
    },
    source: 'https://github.com/Azure/WALinuxAgent/issues/1670',
    tests: {
      'endpoint-discovery': {
        fields: (f) => f.event === 'dhcp-client-not-running',
        around: (t, around) => !Number.isFinite(t) || around.goalStateBetween(t - 60 * MIN, t + 60 * MIN),
      },
    },
  },
  {
    id: 'goal-state-fetch-recovered',
    title: { en: 'Goal-state fetch error that recovered (vmSettings, 410 Gone, HTTP retry)', nl: 'Fout bij ophalen van de doelstatus die herstelde (vmSettings, 410 Gone, HTTP-herhaling)' },
    why: {
      en: 'The agent falls back to the WireServer when the HostGAPlugin vmSettings call fails, and a 410 (Gone) only means the goal state changed during the fetch; a goal state was fetched or processed within minutes afterwards, so the agent kept working.',
      nl: 'De agent valt terug op de WireServer als de vmSettings-aanroep naar de HostGAPlugin mislukt, en een 410 (Gone) betekent alleen dat de doelstatus tijdens het ophalen veranderde; binnen enkele minuten daarna werd een doelstatus opgehaald of verwerkt, dus de agent bleef werken.',
    },
    source: 'https://github.com/Azure/WALinuxAgent/issues/2960',
    tests: {
      'goal-state-error': { fields: (f, text) => !f.recovered && text.test(GOAL_STATE_FAILURE_TEXT), around: passing },
      connectivity: {
        fields: (f, text) => !f.ok && (f.endpoint === 'hostgaplugin' || f.endpoint === 'wireserver') && text.test(GOAL_STATE_FAILURE_CALL),
        around: passing,
      },
    },
  },
  {
    id: 'hostgaplugin-heartbeat-gone',
    title: { en: 'HostGAPlugin heartbeat "Resource is gone"', nl: 'HostGAPlugin-heartbeat "Resource is gone"' },
    why: {
      en: 'The agent\'s periodic heartbeat to the HostGAPlugin gets 410 (Gone) when the goal state changed since it was cached; it is refreshed on the next fetch and says nothing about connectivity.',
      nl: 'De periodieke heartbeat van de agent naar de HostGAPlugin krijgt 410 (Gone) als de doelstatus sinds het cachen veranderde; die wordt bij het volgende ophalen vernieuwd en zegt niets over de verbinding.',
    },
    source: 'https://github.com/Azure/WALinuxAgent/issues/2960',
    tests: { connectivity: { fields: (f, text) => !f.ok && text.test(HEARTBEAT_CALL_TEXT) && text.test(GONE_TEXT) } },
  },
  {
    id: 'log-collector-oom-kill',
    title: { en: "The agent's periodic log collector killed by the kernel (out of memory in its own cgroup)", nl: 'De periodieke logverzamelaar van de agent door de kernel beëindigd (geheugentekort in zijn eigen cgroup)' },
    why: {
      en: "The agent runs its hourly log collection (waagent -collect-logs) in a memory cgroup limited to 30 MB; older kernels kill it with the OOM killer when it reaches the limit instead of throttling it. Only that collection run ends: the agent and the extensions keep running, and the VM did not run out of memory.",
      nl: 'De agent draait zijn uurlijkse logverzameling (waagent -collect-logs) in een geheugen-cgroup met een limiet van 30 MB; oudere kernels beëindigen die met de OOM-killer als de limiet bereikt is, in plaats van hem af te remmen. Alleen die verzamelronde stopt: de agent en de extensies blijven draaien, en de VM had geen geheugentekort.',
    },
    source: 'https://github.com/Azure/WALinuxAgent/pull/2559',
    tests: { 'system-event': { fields: (f) => f.event === 'oom-kill' && f.logCollector === true } },
  },
  {
    id: 'handler-state-before-folder',
    title: { en: '"Failed to set state: [Errno 2] No such file or directory: …/config/HandlerState"', nl: '"Failed to set state: [Errno 2] No such file or directory: …/config/HandlerState"' },
    why: {
      en: "When the agent sets up an extension whose folder does not exist yet (a new extension, state NotInstalled), it first writes the NotInstalled state, then downloads and unpacks the package, which creates the folder. Agents before 2.2.3 did not create the folder for that first write, so it failed with this error for every extension they installed; the maintainers called the error unnecessary and 2.2.3 creates the folder first. The extension is not in a failed state for it.",
      nl: 'Als de agent een extensie instelt waarvan de map nog niet bestaat (een nieuwe extensie, status NotInstalled), schrijft hij eerst de status NotInstalled en downloadt en uitpakt hij daarna het pakket, wat de map aanmaakt. Agents vóór 2.2.3 maakten de map voor die eerste schrijfactie niet aan, dus die mislukte met deze fout voor elke extensie die ze installeerden; de beheerders noemden de fout overbodig en 2.2.3 maakt de map eerst aan. De extensie is daardoor niet in een mislukte status.',
    },
    source: 'https://github.com/Azure/WALinuxAgent/issues/530',
    // the handler's own folder (`/var/lib/waagent/<Handler>-<version>/config/…`): the folder the setup creates
    tests: { 'extension-status-problem': { fields: (f) => STATE_BEFORE_FOLDER.test(f.detail) && f.detail.includes(`/${f.handler}-`) } },
  },
  {
    // read and judged, not silently dropped: a bundle holding only this event otherwise reads as if nothing was read
    id: 'vss-8194-writer-callback',
    title: { en: 'Known harmless VSS event (8194: IVssWriterCallback, access denied)', nl: 'Bekende onschuldige VSS-gebeurtenis (8194: IVssWriterCallback, toegang geweigerd)' },
    why: {
      en: 'The VSS service logs 8194 ("Unexpected error querying for the IVssWriterCallback interface … Access is denied") when it cannot query the security of the backup program that asked for a shadow copy, to call it back. Backups by that program run and succeed while it is logged, and Microsoft\'s Azure Backup troubleshooting ties no failure to it: it is not why a backup failed.',
      nl: 'De VSS-service logt 8194 ("Unexpected error querying for the IVssWriterCallback interface … Access is denied") als hij de beveiliging van het back-upprogramma dat om een schaduwkopie vroeg niet kan opvragen om het terug te roepen. Back-ups van dat programma lopen en slagen terwijl het gelogd wordt, en de probleemoplossing van Azure Backup van Microsoft koppelt er geen fout aan: het is niet de reden dat een back-up mislukte.',
    },
    source: 'https://github.com/duplicati/duplicati/issues/3236',
    tests: { 'windows-event': { fields: (f) => f.meaning === 'vss-noise' } },
  },
  {
    // read and judged, not silently dropped (the Japanese text is the one support posted)
    id: 'backup-gac-assembly-retry',
    title: { en: "Known harmless COM+ SOAP Services event: the Backup extension's assembly in the global assembly cache", nl: 'Bekende onschuldige COM+ SOAP Services-gebeurtenis: de assembly van de back-upextensie in de globale assemblycache' },
    why: {
      en: "During a backup Azure Backup may remove and reinstall iaasvmazurestorage.dll and iaasvmsnapshotmessage.dll in the global assembly cache; COM+ SOAP Services logs it when one try fails (the file is absent or locked). The step is retried and usually succeeds, and Microsoft's Azure Backup support says the message can be ignored when backups complete: it is not why a backup failed.",
      nl: 'Tijdens een back-up kan Azure Backup iaasvmazurestorage.dll en iaasvmsnapshotmessage.dll uit de globale assemblycache verwijderen en opnieuw installeren; COM+ SOAP Services logt het als een poging mislukt (het bestand ontbreekt of is vergrendeld). De stap wordt opnieuw geprobeerd en slaagt meestal, en de ondersteuning van Azure Backup van Microsoft zegt dat de melding genegeerd kan worden als back-ups voltooien: het is niet de reden dat een back-up mislukte.',
    },
    source: 'https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/GAC.md',
    tests: { 'windows-event': { fields: (f) => f.meaning === 'backup-gac-retry' } },
  },
  {
    id: 'applocker-audit-backup-extension',
    title: { en: 'AppLocker audit: IaaSBcdrExtension.exe would be blocked if the policy were enforced (8003)', nl: 'AppLocker-controle: IaaSBcdrExtension.exe zou worden geblokkeerd als het beleid werd afgedwongen (8003)' },
    why: {
      en: 'AppLocker in audit-only mode let the Backup extension run and logged that its rules would block it. That did not fail this backup, but once the rules are enforced every backup fails (GuestAgentSnapshotTaskStatusError): allow IaaSBcdrExtension.exe in the rules before enforcing them.',
      nl: 'AppLocker in de modus alleen controleren liet de back-upextensie draaien en logde dat de regels hem zouden blokkeren. Daardoor mislukte deze back-up niet, maar zodra de regels worden afgedwongen mislukt elke back-up (GuestAgentSnapshotTaskStatusError): sta IaaSBcdrExtension.exe in de regels toe voordat u ze afdwingt.',
    },
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#application-control-solution-is-blocking-iaasbcdrextensionexe',
    tests: { 'windows-event': { fields: (f) => f.meaning === 'extension-block-audited' } },
  },
];

/** Splits facts into those the rules see (all but `dropped`, positions in `facts`) and the benign sightings shown to the engineer. */
export function setAsideBenign(facts: FactSource): { dropped: PositionBits; sightings: BenignSighting[] } {
  // a typed array sorted natively: a list of 700,000 times sorted with a comparator boxed each (+30 MB of peak)
  let times = new Float64Array(1024);
  let n = 0;
  const at = new FactAt(facts);
  const store = facts instanceof FactStore ? facts : undefined;
  // (read by position: a row's time from its record, its event and `recovered` by the store, no row built; a row's
  // answer is its tuple's, kept by tuple: 0 not asked yet, 1 false, 2 true)
  const goalStateTests = [WORKING_EVENT, RECOVERED];
  const goalStateKept: Uint8Array[] = [];
  eachPlacedTuple(facts, ['goal-state', 'goal-state-error'], (pos, place, tuple) => {
    const k = place - 1;
    at.at(pos);
    let working: boolean;
    if (tuple >= 0) {
      // (a row's tuple: the facts are a FactStore's)
      const kept = (goalStateKept[k] ??= store!.tupleAnswersOf(goalStateTests[k]));
      if (kept[tuple] === 0) kept[tuple] = at.test(goalStateTests[k]) ? 2 : 1;
      working = kept[tuple] === 2;
    } else working = at.test(goalStateTests[k]);
    if (!working) return;
    const t = at.timeMs;
    if (!Number.isFinite(t)) return;
    if (n === times.length) {
      const grown = new Float64Array(n * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = t;
  });
  const goalStateTimes = times.subarray(0, n);
  // (a log's goal states come in time order: checked, not sorted again)
  if (!inOrder(goalStateTimes)) goalStateTimes.sort();
  const around: Around = { goalStateBetween: withinFrom(goalStateTimes) };
  const dropped = new PositionBits();
  const seen = new Map<string, BenignSighting>();
  // per kind, the rows that may match it and their tests, in BENIGN's order (the first that matches is the fact's)
  const rowsOf = new Map<FactKind, { row: BenignRule; test: BenignTest<FactKind> }[]>();
  for (const row of BENIGN) {
    for (const [kind, test] of Object.entries(row.tests) as [FactKind, BenignTest<FactKind>][]) rowsOf.set(kind, [...(rowsOf.get(kind) ?? []), { row, test }]);
  }
  const rowsByPlace = [...rowsOf.values()];
  // each test's answers by tuple, as `FactAt.fields` keeps them (the same arrays: the store's by test), fetched at the
  // kind's first fact (an array per test of a kind the log does not have would be a byte per tuple for nothing)
  const keptByPlace: (Uint8Array | undefined)[][] = [];
  let last: BenignSighting | undefined;
  eachPlacedTuple(facts, [...rowsOf.keys()], (pos, place, tuple) => {
    const k = place - 1;
    const rows = rowsByPlace[k];
    const kept = (keptByPlace[k] ??= rows.map(({ test }) => store?.tupleAnswersOf(test)));
    at.at(pos);
    let row: BenignRule | undefined;
    for (let r = 0; r < rows.length && !row; r++) {
      const test = rows[r].test;
      const a = tuple >= 0 ? kept[r]![tuple] : 0;
      if ((a === 0 ? at.fields(test) : a === 2) && (!test.around || test.around(at.timeMs, around))) row = rows[r].row;
    }
    if (!row) return;
    dropped.add(pos);
    // (the last sighting again: a broken agent's benign failures come in runs of one kind)
    let s = last?.id === row.id ? last : seen.get(row.id);
    if (!s) seen.set(row.id, (s = { id: row.id, title: row.title, why: row.why, source: row.source, count: 0, evidence: [] }));
    last = s;
    s.count++;
    if (s.evidence.length < 3) s.evidence.push(at.fact.at);
  });
  return { dropped, sightings: [...seen.values()] };
}

/**
 * `eachPlaced` with each fact's tuple in a FactStore (`FactStore.rowTuple`: what its answers are kept by), -1 for an
 * object fact or a fact of a list; the place counted from 1 (the store's mark of the kind, passed on as it is).
 */
function eachPlacedTuple(facts: FactSource, kinds: readonly FactKind[], fn: (pos: number, place: number, tuple: number) => void): void {
  if (!(facts instanceof FactStore)) {
    eachPlaced(facts, kinds, (pos, k) => fn(pos, k + 1, -1));
    return;
  }
  // (a code's place: 0 for a kind not asked for, so the places are 1, 2, …)
  const placeOf = new Uint8Array(facts.kindCodes);
  for (let c = 0; c < placeOf.length; c++) placeOf[c] = kinds.indexOf(facts.kindOfCode(c)) + 1;
  facts.eachTupleOfCodes(placeOf, fn);
}

/** Whether `t` is in ascending order as a typed array's `sort` leaves it (no NaN: the times are finite). */
function inOrder(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i - 1] <= t[i])) return false;
  return true;
}

/**
 * `anyWithin(sorted, from, to)` for questions asked mostly in time order (a pass over a log's facts): the first time
 * at or after the last `from` is kept and walked forward from; a `from` before it (or far after it) is searched for.
 */
function withinFrom(sorted: Float64Array): (from: number, to: number) => boolean {
  let lastFrom = -Infinity;
  // the first index whose time is at or after `lastFrom` (every one before it is before it)
  let k = 0;
  const at = (i: number) => sorted[i];
  return (from, to) => {
    k = gallopIndex(at, from, from >= lastFrom ? k : 0, sorted.length, true);
    lastFrom = from;
    return k < sorted.length && sorted[k] <= to;
  };
}

/**
 * The fact at a position of a pass (`at`): a FactStore's row is built only when a test reads more than its time, its
 * texts (answered by the store once per distinct text) and what its tuple's rows were found to be (`fields`).
 */
class FactAt implements Texts {
  private readonly store: FactStore | undefined;
  private pos = 0;
  private built: Fact | undefined;

  constructor(private readonly source: FactSource) {
    this.store = source instanceof FactStore ? source : undefined;
  }

  at(pos: number): void {
    this.pos = pos;
    this.built = undefined;
  }

  get fact(): Fact {
    return (this.built ??= this.store ? this.store.get(this.pos) : (this.source as readonly Fact[])[this.pos]);
  }

  get timeMs(): number {
    return this.store ? this.store.timeOf(this.pos) : this.fact.timeMs;
  }

  /**
   * `test.fields` of the fact: a row's answer kept for its tuple, and read from the test's tree by the fields and the
   * texts' answers it read (ReadTree: a goal-state failure's text with GUIDs is a tuple of its own, its answer the same).
   */
  fields(test: BenignTest<FactKind>): boolean {
    const store = this.store;
    if (!store) return test.fields(this.fact as Extract<Fact, { kind: FactKind }>, this);
    let a = store.tupleAnswer(this.pos, test);
    if (a !== undefined) return a;
    let tree = this.trees.get(test);
    if (!tree) this.trees.set(test, (tree = new ReadTree()));
    if (tree.growing) a = tree.findRow(store, this.pos);
    if (a === undefined) {
      const reads = tree.growing ? (this.reads = new FieldReads()) : undefined;
      try {
        a = test.fields((reads ? reads.watch(store, this.pos) : this.fact) as Extract<Fact, { kind: FactKind }>, this);
      } finally {
        this.reads = undefined;
      }
      if (reads) tree.keep(reads, a);
    }
    store.keepTupleAnswer(this.pos, test, a);
    return a;
  }
  /** Each test's answers by what it read (`fields`). */
  private readonly trees = new Map<object, ReadTree>();
  /** What the test at hand is reading (`fields`), while it reads. */
  private reads: FieldReads | undefined;

  test(t: TextTest): boolean {
    const a = this.store?.answer(this.pos, t);
    if (a !== undefined) {
      this.reads?.note(t, a);
      return a;
    }
    if (this.reads) this.reads.other = true;
    const f = this.fact as unknown as Record<string, string | undefined>;
    return t.keys.length === 2 ? t.test(f[t.keys[0]], f[t.keys[1]]) : t.test(f[t.keys[0]]);
  }
}
