/**
 * The field labels of Event Viewer's "Copy details as text" (`Log Name:` … `Description:`) in the languages Windows
 * writes them in, each mapped to its English key, and the words of its Level field. Every row names where it was
 * seen: a real export posted by Microsoft's support teams, or Microsoft Learn's localised edition of "Remote Desktop
 * Services isn't starting on an Azure VM" (learn.microsoft.com/<locale>/troubleshoot/azure/virtual-machines/windows/
 * troubleshoot-remote-desktop-services-issues), which quotes the same System event 7022 in every language. The
 * translated pages do not always use Windows' own words (Windows' Japanese is `ログの名前`, the page's `ログ名`), so a
 * language lists every form seen. Labels are matched whole (a description's own `Name: value` lines are not labels).
 *
 * Also the property names PowerShell prints for an event (`Get-EventLog … | Format-List`, which engineers paste as
 * `EventID : 0` / `Message : …`): `EventID`, `EntryType`, `Message`, `TimeGenerated` of EventLogEntry
 * (learn.microsoft.com/dotnet/api/system.diagnostics.eventlogentry), `ProviderName`, `TimeCreated`,
 * `LevelDisplayName` of EventRecord (Get-WinEvent). They are not localised. Its `Id` is left out: too common a word
 * for a description's own lines.
 */

/** `Time`: the clock on a line of its own, after a `Date` that gives only the day (Windows Server 2003's copy). */
export type EventViewerKey = 'Log Name' | 'Source' | 'Date' | 'Time' | 'Event ID' | 'Task Category' | 'Level' | 'Keywords' | 'User' | 'Computer' | 'Description' | 'OpCode';

export interface EventViewerLanguage {
  lang: string;
  labels: Partial<Record<EventViewerKey, readonly string[]>>;
  /** The Level field's words, by level. */
  levels?: Partial<Record<'error' | 'warning' | 'information', readonly string[]>>;
  source: string;
}

const RDS = (locale: string) => `https://learn.microsoft.com/${locale}/troubleshoot/azure/virtual-machines/windows/troubleshoot-remote-desktop-services-issues`;

export const EVENT_VIEWER_LANGUAGES: readonly EventViewerLanguage[] = [
  {
    lang: 'en',
    labels: { 'Log Name': ['Log Name'], Source: ['Source'], Date: ['Date'], 'Event ID': ['Event ID'], 'Task Category': ['Task Category'], Level: ['Level'], Keywords: ['Keywords'], User: ['User'], Computer: ['Computer'], Description: ['Description'], OpCode: ['OpCode'] },
    levels: { error: ['Error', 'Critical'], warning: ['Warning'], information: ['Information'] },
    source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent',
  },
  {
    // Windows Server 2003 / XP Event Viewer's copy of an event: `Event Type:`, `Event Source:`, `Event Category:` (the
    // rest as above, but the day and the clock on lines of their own, `Date: 12/21/2001` `Time: 2:02:05 PM`); Microsoft
    // still quotes events in it
    lang: 'en-2003',
    labels: { Source: ['Event Source'], 'Task Category': ['Event Category'], Level: ['Event Type'], Time: ['Time'] },
    source:
      'https://support.microsoft.com/kb/826936; https://blogs.msdn.microsoft.com/ntdebugging/2013/08/27/missing-system-writer-case-explained/; https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc776964(v=ws.10) (Date and Time)',
  },
  {
    lang: 'powershell',
    labels: { Source: ['ProviderName'], Date: ['TimeCreated', 'TimeGenerated'], 'Event ID': ['EventID'], Level: ['EntryType', 'LevelDisplayName'], Description: ['Message'] },
    source: 'https://learn.microsoft.com/dotnet/api/system.diagnostics.eventlogentry; https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/GAC.md (`ソース` / `EventID` / `Message`)',
  },
  {
    // Windows' own words: the jpabrs (Azure Backup) and jpaztech (Azure VM) support blogs quote real exports
    lang: 'ja',
    labels: { 'Log Name': ['ログの名前', 'ログ名'], Source: ['ソース'], Date: ['日付'], 'Event ID': ['イベント ID'], 'Task Category': ['タスクのカテゴリ', 'タスク カテゴリ'], Level: ['レベル'], Keywords: ['キーワード'], User: ['ユーザー'], Computer: ['コンピューター'], Description: ['説明'] },
    levels: { error: ['エラー', '重大'], warning: ['警告'], information: ['情報'] },
    source: `https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/CSV_not_Supported.md; https://github.com/jpaztech/blog/blob/master/articles/vm/7031-rdagent-restart.md; ${RDS('ja-jp')}`,
  },
  {
    lang: 'de',
    labels: { 'Log Name': ['Protokollname'], Source: ['Quelle'], Date: ['Datum'], 'Event ID': ['Ereignis-ID'], 'Task Category': ['Aufgabenkategorie'], Level: ['Ebene'], Keywords: ['Schlüsselwörter'], User: ['Benutzer'], Computer: ['Computer'], Description: ['Beschreibung'] },
    levels: { error: ['Fehler', 'Kritisch'], warning: ['Warnung'], information: ['Informationen', 'Information'] },
    source: RDS('de-de'),
  },
  {
    lang: 'fr',
    labels: { 'Log Name': ['Nom du journal'], Source: ['Source'], Date: ['Date'], 'Event ID': ["ID de l'événement", 'ID de l’événement', "ID d'événement", 'ID d’événement'], 'Task Category': ['Catégorie de tâche', 'Catégorie de la tâche'], Level: ['Niveau'], Keywords: ['Mots clés'], User: ['Utilisateur'], Computer: ['Ordinateur'], Description: ['Description'] },
    levels: { error: ['Erreur', 'Critique'], warning: ['Avertissement'], information: ['Information'] },
    source: `${RDS('fr-fr')}; https://learn.microsoft.com/fr-fr/azure/backup/backup-azure-vms-troubleshoot`,
  },
  {
    lang: 'es',
    labels: { 'Log Name': ['Nombre de registro'], Source: ['Origen'], Date: ['Fecha'], 'Event ID': ['Id. de evento', 'Id. del evento'], 'Task Category': ['Categoría de tarea', 'Categoría de la tarea'], Level: ['Nivel'], Keywords: ['Palabras clave'], User: ['Usuario'], Computer: ['Equipo'], Description: ['Descripción'] },
    levels: { error: ['Error'] },
    source: RDS('es-es'),
  },
  {
    lang: 'it',
    labels: { 'Log Name': ['Nome registro'], Source: ['Origine'], Date: ['Data'], 'Event ID': ['ID evento'], 'Task Category': ['Categoria attività'], Level: ['Livello'], Keywords: ['Parole chiave'], User: ['Utente'], Computer: ['Computer'], Description: ['Descrizione'] },
    levels: { error: ['Errore'] },
    source: RDS('it-it'),
  },
  {
    lang: 'pt-BR',
    labels: { 'Log Name': ['Nome do log'], Source: ['Fonte'], Date: ['Data'], 'Event ID': ['ID do evento'], 'Task Category': ['Categoria de tarefa', 'Categoria da tarefa'], Level: ['Nível'], Keywords: ['Palavras-chave'], User: ['Usuário'], Computer: ['Computador'], Description: ['Descrição'] },
    levels: { error: ['Erro'] },
    source: RDS('pt-br'),
  },
  {
    lang: 'zh-TW',
    labels: { 'Log Name': ['記錄名稱'], Source: ['來源'], Date: ['日期'], 'Event ID': ['事件識別碼'], 'Task Category': ['工作分類'], Level: ['層級'], Keywords: ['關鍵字'], User: ['使用者'], Computer: ['電腦'], Description: ['描述'] },
    levels: { error: ['錯誤'] },
    source: RDS('zh-tw'),
  },
  {
    lang: 'ko',
    labels: { 'Log Name': ['로그 이름'], Source: ['원본'], Date: ['날짜'], 'Event ID': ['이벤트 ID'], 'Task Category': ['작업 범주'], Level: ['수준'], Keywords: ['키워드'], User: ['사용자'], Computer: ['컴퓨터'], Description: ['설명'] },
    levels: { error: ['오류'] },
    source: RDS('ko-kr'),
  },
  {
    lang: 'ru',
    labels: { 'Log Name': ['Имя журнала'], Source: ['Источник'], Date: ['Дата'], 'Event ID': ['Идентификатор событий', 'Идентификатор события'], 'Task Category': ['Категория задачи'], Level: ['Уровень'], Keywords: ['Ключевые слова'], User: ['Пользователь'], Computer: ['Компьютер'], Description: ['Описание'] },
    levels: { error: ['Ошибка'] },
    source: RDS('ru-ru'),
  },
];

/** Lower-cased label → its English key. */
export const EVENT_VIEWER_LABELS: ReadonlyMap<string, EventViewerKey> = new Map(
  EVENT_VIEWER_LANGUAGES.flatMap((l) => Object.entries(l.labels).flatMap(([key, words]) => words!.map((w) => [w.toLowerCase(), key as EventViewerKey] as const))),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The labels of one key as an alternation (longest first; the apostrophe of French in either form). */
function alternation(key: EventViewerKey): string {
  const words = [...new Set(EVENT_VIEWER_LANGUAGES.flatMap((l) => l.labels[key] ?? []))].sort((a, b) => b.length - a.length);
  return words.map((w) => escape(w).replace(/['’]/g, "['’]")).join('|');
}

/** A label line's start: optional indent and e-mail quoting (`> `), then the label, then `:` `=` or the full-width `：`. */
const labelLine = (key: EventViewerKey, value = '') => new RegExp(`^[ \\t]*(?:>[ \\t]?)?(?:${alternation(key)})[ \\t\\u00a0\\u202f]*[:=：]${value}`, 'im');
export const LOG_NAME_LABEL = labelLine('Log Name');
export const SOURCE_LABEL = labelLine('Source');
export const EVENT_ID_LABEL = labelLine('Event ID');
/** An event id label with its number (a typed-out event has no Log Name line to be known by). */
export const EVENT_ID_NUMBER = labelLine('Event ID', '[ \\t]*\\d+');

/** The Level field's word (or a numeric XML level) as a level; `unknown` for a word no row lists. */
const LEVEL_WORDS = new Map<string, 'error' | 'warning' | 'information'>(
  EVENT_VIEWER_LANGUAGES.flatMap((l) => Object.entries(l.levels ?? {}).flatMap(([level, words]) => words!.map((w) => [w.toLowerCase(), level as 'error' | 'warning' | 'information'] as const))),
);
export function eventLevelWord(s: string): 'error' | 'warning' | 'information' | 'unknown' {
  const l = s.trim().toLowerCase();
  // XML <Level>: 1 critical, 2 error, 3 warning, 4 information (0: LogAlways, shown as Information)
  if (l === '1' || l === '2') return 'error';
  if (l === '3') return 'warning';
  if (l === '4' || l === '0') return 'information';
  const word = LEVEL_WORDS.get(l);
  if (word) return word;
  // English words typed short or with more after them (`Info`, `Warn`, `Error (2)`)
  if (/^(?:error|critical)/.test(l)) return 'error';
  if (/^warn/.test(l)) return 'warning';
  if (/^info/.test(l)) return 'information';
  return 'unknown';
}

/** The level words of every language, for recognising a delimited export's rows (`Erreur,21/03/2023 …`). */
export const LEVEL_WORD_ALTERNATION = [...LEVEL_WORDS.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
