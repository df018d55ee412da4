import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventExportShape, parseWindowsEventExport } from '../../../src/main/parse/windows/event-export';
import { EVENT_VIEWER_LANGUAGES, EVENT_VIEWER_LABELS } from '../../../src/shared/formats/event-viewer-labels';
import { BufferContent } from '../../../src/main/ingest/content';
import { headText } from '../../../src/shared/formats';
import type { Fact } from '../../../src/shared';
import { of, run } from './run';

const CASES = join(__dirname, '../../cases');
const caseFile = (id: string, file: string) => readFileSync(join(CASES, id, 'files', file), 'utf8');

/**
 * The System event 7022 as Microsoft Learn's "Remote Desktop Services isn't starting on an Azure VM" quotes it in each
 * language (learn.microsoft.com/<locale>/troubleshoot/azure/virtual-machines/windows/troubleshoot-remote-desktop-services-issues),
 * labels and values as on the page, without its Markdown (`**…**`, `</br>`).
 */
const RDS_7022: Record<string, string> = {
  de: 'Protokollname:      System\nQuelle:        Dienststeuerungs-Manager\nDatum:          12/16/2017 11:19:36 AM\nEreignis-ID:      7022\nAufgabenkategorie: Keine\nEbene:         Error\nSchlüsselwörter:      Klassisch\nBenutzer:          N/V\nComputer:      vm.contoso.com\nBeschreibung: Die Remotedesktopdienste wurden nicht ordnungsgemäß gestartet.',
  fr: 'Nom du journal :      Système\nSource :        Gestionnaire de contrôle des services\nDate :          16/12/2017 11:19:36 AM\nID d’événement :      7022\nCatégorie de tâche : None\nNiveau :         Error\nMots clés :      Classique\nUtilisateur :          N/A\nOrdinateur :      vm.contoso.com\nDescription : Le service Services Bureau à distance s’est bloqué au démarrage.',
  es: 'Nombre de registro:      Sistema\nOrigen:        Administrador de control de servicios\nFecha:          16/12/2017 11:19:36 a. m.\nId. de evento:      7022\nCategoría de tarea: None\nNivel:         Error\nPalabras clave:      Clásico\nUsuario:          N/D\nEquipo:      vm.contoso.com\nDescripción: el servicio Servicios de escritorio remoto no responde al iniciarse.',
  it: 'Nome registro: System\nOrigine: Gestione controllo servizi\nData:          12/16/2017 11:19:36 AM\nID evento: 7022\nCategoria attività: Nessuna\nLivello: errore\nParole chiave: classico\nUtente: N/A\nComputer:      vm.contoso.com\nDescrizione: Servizi Desktop remoto non si avvia.',
  'pt-BR': 'Nome do log: sistema\nFonte: Gerenciador de controle de serviço\nData: 12/16/2017 11:19:36 AM\nID do evento: 7022\nCategoria de tarefa: nenhum\nNível: erro\nPalavras-chave: clássico\nUsuário: N/A\nComputador: vm.contoso.com\nDescrição: serviço The Remote Desktop Services parou ao iniciar.',
  'zh-TW': '記錄名稱：     系統\n來源：        服務控制管理員\n日期：          12/16/2017 11:19:36 AM\n事件識別碼：      7022\n工作分類：無\n層級：         錯誤\n關鍵字：      傳統\n使用者：          N/A\n電腦：vm.contoso.com\n描述：遠端桌面服務啟動時無反應。',
  ko: '로그 이름: 시스템\n원본: 서비스 제어 관리자\n날짜: 2017년 12월 16일 오전 11:19:36\n이벤트 ID: 7022\n작업 범주: 없음\n수준: 오류\n키워드: 클래식\n사용자: 해당 없음\n컴퓨터: vm.contoso.com\n설명: 원격 데스크톱 서비스가 시작 시 멈춤.',
  ru: 'Имя журнала: Система\nИсточник: Менеджер управления обслуживанием\nДата: 16.12.2017 11:19:36\nИдентификатор событий: 7022\nКатегория задачи: Отсутствует\nУровень: Ошибка\nКлючевые слова: Классический\nПользователь: N/A\nКомпьютер: vm.contoso.com\nОписание: Служба "Службы удаленных рабочих столов" зависла при запуске.',
  ja: 'ログ名:    システム\nソース:      サービス コントロール マネージャー\n日付:        12/16/2017 11:19:36 AM\nイベント ID:    7022\nタスク カテゴリ:なし\nレベル:       Error\nキーワード:    クラシック\nユーザー:        該当なし\nコンピューター:      vm.contoso.com\n説明:Remote Desktop Services サービスは起動時に停止しました。',
};

describe('Event Viewer text in the languages Windows writes it in', () => {
  it('every language of the label table has a source and its labels map to English keys', () => {
    for (const l of EVENT_VIEWER_LANGUAGES) {
      expect(l.source, l.lang).toMatch(/^https:\/\//);
      for (const [key, words] of Object.entries(l.labels)) for (const w of words!) expect(EVENT_VIEWER_LABELS.get(w.toLowerCase()), `${l.lang} ${w}`).toBe(key);
    }
  });

  for (const [lang, text] of Object.entries(RDS_7022)) {
    it(`${lang}: the page's 7022 is an export of one event, its source, description and error level read`, async () => {
      expect(eventExportShape(text)).toBe('text');
      const p = await run(parseWindowsEventExport, 'System.txt', text);
      const [e] = of(p, 'windows-event');
      expect(of(p, 'windows-event')).toHaveLength(1);
      expect(e).toMatchObject({ eventId: 7022, level: 'error' });
      expect(e.provider.length).toBeGreaterThan(3);
      expect(e.message).toMatch(/\S{4}/);
      expect(p.warnings).toEqual([]);
    });
  }

  it("Japanese Windows' own labels and year-first date: the VSS 8229 a support blog quotes, its time read", async () => {
    const text = caseFile('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt').replace('yyyy/mm/dd HH:mm:ss', '2024/09/04 13:05:09');
    const p = await run(parseWindowsEventExport, 'Application.txt', text);
    expect(of(p, 'windows-event')[0]).toMatchObject({ provider: 'VSS', eventId: 8229, level: 'warning', timeMs: Date.UTC(2024, 8, 4, 13, 5, 9) });
  });
});

describe("a COM+ SOAP Services warning about the Backup extension's assembly (test/cases/win-neg-jpabrs-gac-assembly-removal-warning)", () => {
  const text = caseFile('win-neg-jpabrs-gac-assembly-removal-warning', 'Application-events.txt');

  it('is read (`ソース` / PowerShell `EventID` / `Message`) as that event and judged the retried GAC step', async () => {
    expect(eventExportShape(text)).toBe('text');
    const p = await run(parseWindowsEventExport, 'Application-events.txt', text);
    expect(p.warnings).toEqual([]);
    expect(p.records).toHaveLength(1);
    const [e] = of(p, 'windows-event');
    expect(e).toMatchObject({ provider: 'COM+ SOAP Services', eventId: 0, meaning: 'backup-gac-retry', level: 'unknown' });
    expect(e.message).toContain('iaasvmsnapshotmessage.dll');
    // nothing but the event: no extension or agent fact
    expect(p.facts.map((f) => f.kind)).toEqual(['windows-event']);
  });

  it('another DLL, or another source naming the same DLL, is not that step', async () => {
    const other = await run(parseWindowsEventExport, 'a.txt', text.replace('iaasvmsnapshotmessage.dll', 'contoso.dll'));
    expect(of(other, 'windows-event')[0].meaning).toBeUndefined();
    const source = await run(parseWindowsEventExport, 'a.txt', text.replace('COM+ SOAP Services', 'MsiInstaller'));
    expect(of(source, 'windows-event')[0].meaning).toBeUndefined();
  });
});

describe('typed-out events without a Level: only a documented level is inferred', () => {
  const levelOf = async (text: string) => of(await run(parseWindowsEventExport, 'Application.txt', text), 'windows-event').map((e) => [e.provider, e.eventId, e.level]);
  const withoutLevel = (text: string) => text.split('\n').filter((l) => !/^(?:> )?(?:Level|レベル)\s*[:=]/.test(l)).join('\n');

  it('VSS 8229 (jpabrs), .NET Runtime 1026 (Learn), SCM 7031 (jpaztech) without their Level lines: warning, error, error', async () => {
    expect(await levelOf(withoutLevel(caseFile('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt')))).toEqual([['VSS', 8229, 'warning']]);
    expect(await levelOf(withoutLevel(caseFile('win-learn-machine-config-agent-1026', 'Application-event.txt')))).toEqual([['.NET Runtime', 1026, 'error']]);
    const rd = await levelOf(withoutLevel(caseFile('win-neg-jpaztech-rdagent-7031-agent-update', 'System-events.txt')));
    // 7036 is not in the table: unknown
    expect(rd).toEqual([
      ['Service Control Manager', 7031, 'error'],
      ['Service Control Manager', 7036, 'unknown'],
    ]);
  });

  it('VSS 8194 typed out without a Level (virtio-win#1505) stays unknown: no Microsoft page shows its level', async () => {
    expect(await levelOf(caseFile('win-neg-virtio-win-1505-vss-8194-source-event-id-typed', 'Application.txt'))).toEqual([['VSS', 8194, 'unknown']]);
  });

  it('a Level the export gives is kept, even where the table says otherwise', async () => {
    expect(await levelOf('Source: VSS\nEvent ID: 8193\nLevel: Information\nDescription:\nx')).toEqual([['VSS', 8193, 'information']]);
    expect(await levelOf('Source: VSS\nEvent ID: 8193\nDescription:\nx')).toEqual([['VSS', 8193, 'error']]);
    expect(await levelOf('Source: Application Error\nEvent ID: 1000\nDescription:\nFaulting application name: a.exe')).toEqual([['Application Error', 1000, 'error']]);
    expect(await levelOf('Source: Service Control Manager\nEvent ID: 7034\nDescription:\nThe X service terminated unexpectedly.')).toEqual([['Service Control Manager', 7034, 'unknown']]);
  });
});

describe('a long description is kept whole on its event', () => {
  it("the Japanese VSS 8229's writer process, past its first 400 characters, is in the event's message; a crash's detail stays an excerpt", async () => {
    const text = caseFile('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt');
    const [e] = of(await run(parseWindowsEventExport, 'Application.txt', text), 'windows-event');
    expect(e.message.indexOf('Command Line: C:\\Windows\\Cluster\\clussvc.exe -s')).toBeGreaterThan(400);
    expect(e.message).toContain('Process ID: 4004');
    const crash = await run(parseWindowsEventExport, 'Application.txt', caseFile('win-learn-machine-config-agent-1026', 'Application-event.txt'));
    expect(of(crash, 'windows-event')[0].message.length).toBeGreaterThan(400);
    const detail = (of(crash, 'agent-lifecycle')[0] as Extract<Fact, { kind: 'agent-lifecycle' }>).detail;
    expect(detail?.length).toBeLessThanOrEqual(300);
    expect(detail).toMatch(/^\.NET Runtime 1026: Application: WindowsAzureGuestAgent\.exe/);
  });

  it('bounded: a description of 100,000 characters keeps 4,000', async () => {
    const p = await run(parseWindowsEventExport, 'Application.txt', `Source: VSS\nEvent ID: 8193\nDescription:\n${'x'.repeat(100000)}`);
    expect(of(p, 'windows-event')[0].message.length).toBe(4000);
  });
});

/** Runs the parser over raw bytes (an export as Windows saved it). */
async function runBytes(vmPath: string, buf: Buffer) {
  const facts: Fact[] = [];
  const warnings: unknown[] = [];
  await parseWindowsEventExport(
    { file: { id: 0, vmPath, kind: 'windows-event-export', size: buf.length, truncated: false, origin: vmPath, input: 0, warnings: [] }, content: new BufferContent(buf) },
    { record: () => undefined, fact: (f) => void facts.push(f), warn: (m) => void warnings.push(m) },
  );
  return { events: facts.filter((f): f is Extract<Fact, { kind: 'windows-event' }> => f.kind === 'windows-event'), warnings };
}
const utf16bom = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.replace(/\n/g, '\r\n'), 'utf16le')]);

describe('the shapes "Save All Events As" and a copy saved by Notepad write', () => {
  // Event Viewer's CSV as sumeshi/quilter-csv's README shows it (verbatim: header of 5 names, rows without a description)
  const CSV = [
    'Level,Date and Time,Source,Event ID,Task Category',
    'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File System',
    'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4656,File System',
  ].join('\n');

  for (const [name, bytes] of [
    ['UTF-8', Buffer.from(CSV)],
    ['UTF-16 with a byte-order mark and CRLF', utf16bom(CSV)],
  ] as const) {
    it(`CSV in ${name}: one event per row, its level and local time`, async () => {
      expect(eventExportShape(headText(bytes))).toBe('csv');
      const { events, warnings } = await runBytes('Security.csv', bytes);
      // `10/7/2016` is 7 October or 10 July, and no other date of the file tells: read month first, and said
      expect(warnings).toEqual([{ key: 'parse.dates-month-first', params: { date: '10/7/2016', monthFirst: '2016-10-07', dayFirst: '2016-07-10' } }]);
      expect(events.map((e) => [e.provider, e.eventId, e.level, e.timeMs])).toEqual([
        ['Microsoft-Windows-Security-Auditing', 4658, 'information', Date.UTC(2016, 9, 7, 18, 38, 24)],
        ['Microsoft-Windows-Security-Auditing', 4656, 'information', Date.UTC(2016, 9, 7, 18, 38, 24)],
      ]);
    });
  }

  it('CSV with a quoted description over two lines (the tab-separated Medusa rows of pymedusa/Medusa#10135 as CSV, built)', async () => {
    const text = 'Level,Date and Time,Source,Event ID,Task Category\nError,11/28/2021 2:43:42 PM,Service Control Manager,7024,None,"The Medusa service terminated with the following service-specific error: \nThe system cannot find the path specified."\n';
    const { events } = await runBytes('System.csv', utf16bom(text));
    expect(events.map((e) => [e.eventId, e.level, e.message])).toEqual([[7024, 'error', 'The Medusa service terminated with the following service-specific error: The system cannot find the path specified.']]);
  });

  it('a localised CSV (its level words in the label table): German rows are read', async () => {
    const text = 'Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie\nFehler,21.03.2023 17:40:29,VSS,8193,Keine,"Volumeschattenkopie-Dienstfehler: x"\n';
    expect(eventExportShape(text)).toBe('csv');
    const { events } = await runBytes('Application.csv', Buffer.from(text));
    expect(events.map((e) => [e.provider, e.eventId, e.level, e.timeMs])).toEqual([['VSS', 8193, 'error', Date.UTC(2023, 2, 21, 17, 40, 29)]]);
  });

  it('the Japanese text copy in UTF-16 with a byte-order mark (as Notepad saves "Unicode")', async () => {
    const text = caseFile('win-neg-jpabrs-gac-assembly-removal-warning', 'Application-events.txt');
    const bytes = utf16bom(text);
    expect(eventExportShape(headText(bytes))).toBe('text');
    const { events } = await runBytes('Application-events.txt', bytes);
    expect(events.map((e) => [e.provider, e.meaning])).toEqual([['COM+ SOAP Services', 'backup-gac-retry']]);
  });

  it('XML as "Save All Events As… XML" writes it: UTF-16 with a byte-order mark, <Events>, a Japanese RenderingInfo', async () => {
    // the event schema's elements (learn.microsoft.com/windows/win32/wes/eventschema-elements); the System part as
    // pastebin.com/iMnGdmMq's Application Error 1000 shows it, the RenderingInfo as Event Viewer adds it (built)
    const xml = [
      '<?xml version="1.0" encoding="UTF-16"?>',
      '<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Application Error" /><EventID Qualifiers="0">1000</EventID><Level>2</Level><Task>100</Task><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime="2014-08-08T05:42:23.000000000Z" /><EventRecordID>6447</EventRecordID><Channel>Application</Channel><Computer>vm01</Computer><Security /></System>',
      '<EventData><Data>IaaSBcdrExtension.exe</Data><Data>1.0.75.0</Data></EventData>',
      '<RenderingInfo Culture="ja-JP"><Message>障害が発生しているアプリケーション名: IaaSBcdrExtension.exe、バージョン: 1.0.75.0</Message><Level>エラー</Level><Task>(100)</Task><Channel>Application</Channel><Provider>Application Error</Provider></RenderingInfo></Event></Events>',
    ].join('\n');
    const bytes = utf16bom(xml);
    expect(eventExportShape(headText(bytes))).toBe('xml');
    const { events } = await runBytes('Application.xml', bytes);
    expect(events.map((e) => [e.provider, e.eventId, e.level, e.timeMs, e.meaning])).toEqual([['Application Error', 1000, 'error', Date.UTC(2014, 7, 8, 5, 42, 23), 'extension-crash']]);
  });
});
