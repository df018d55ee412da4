import { describe, expect, it } from 'vitest';
import { memberName, readZip } from '../../src/main/ingest/zip';
import { Budget } from '../../src/main/ingest/limits';
import { inFirstAnsi, type AnsiCodePage } from '../helpers/ansi';

// A zip member name without the UTF-8 flag is in the code page of the desktop that zipped it (Windows Explorer writes
// its OEM code page: 936 GBK, 932 Shift_JIS, 437). Names mix scripts: a CJK word right against ASCII letters
// (`VM障害log`, `logs（vm1）`, `Azureバックアップ`) must not fall back to code page 437, and a European name in code page
// 437 (`château`, `échouée`) must not be read as katakana or full-width letters.

/** `s` as Explorer writes it on a desktop whose code page is `enc`. */
const inPage = (s: string, enc: AnsiCodePage) => Buffer.from([...s].flatMap((ch) => [...(ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : inFirstAnsi(ch, [enc])!)]));
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº';
const in437 = (s: string) => Buffer.from([...s].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : ch === 'ß' ? 0xe1 : 0x80 + CP437_HIGH.indexOf(ch))));

const GBK = ['logs（vm1）/waagent.log', 'logs，vm1', '【工单】logs', 'VM日志/waagent.log', 'waagent日志.log', 'vm1的log', 'A备B份C', 'waagent - 副本.log', '新建文件夹/waagent.log', 'VM备份失败log', '工单1234VM日志', 'Log文件', 'abc中def', '张三VM', 'VM张'];
const SJIS = ['VM障害log', 'VM障害', 'Azureバックアップ', 'バックアップlog', 'ログwaagent.log', 'VMログ/waagent.log', 'waagent - コピー.log', '新しいフォルダー/waagent.log', '障害ログVM', 'VM1のログ', 'サーバー障害log'];
const OEM = ['château', 'Sauvegarde échouée', 'Protokolle für Müller', 'Größe', 'año2024', 'Prüfung', 'Größenänderung', 'Ångström', 'Fehlerprotokoll-Übersicht', 'crème brûlée', 'naïve', 'Señor', 'Ärger', 'Löschen', 'façade', 'Straße', 'déjà vu', 'garçon', 'Übergröße', 'été', 'Fußball', 'Rücksicherung', 'Sicherungsprotokoll-Österreich'];

describe('a member name in the zipping desktop’s code page, CJK words beside ASCII letters', () => {
  it('reads each name as it was written', async () => {
    // (code page 437 is read through yauzl's table, loaded with the first zip)
    await readZip({ buffer: Buffer.from('not a zip'), origin: 'x.zip' }, new Budget({}), []);
    const wrong = [...GBK.map((n) => [n, memberName(inPage(n, 'gbk'), 0)]), ...SJIS.map((n) => [n, memberName(inPage(n, 'shift_jis'), 0)]), ...OEM.map((n) => [n, memberName(in437(n), 0)])].filter(([n, got]) => n !== got);
    expect(wrong).toEqual([]);
  });

  it('a name whose bytes read as well one way as the other stays in code page 437 (the zip format’s)', async () => {
    await readZip({ buffer: Buffer.from('not a zip'), origin: 'x.zip' }, new Budget({}), []);
    // one kanji between two ASCII letters is `aÅßb` in code page 437 as much as `a障b` in Shift_JIS
    expect(memberName(inPage('a障b', 'shift_jis'), 0)).toBe('aÅßb');
  });
});
