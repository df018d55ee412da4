import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { inputWarningsIn, renderAnalysis, warningIn } from '../../src/shared/i18n/analysis';
import { badInputs, type BadInput } from '../helpers/bad-inputs';

/**
 * Issue 22 point 5 for ingest: every warning a bad input gives is a catalogue message, so the window and the Dutch
 * report say it in Dutch, while its English `message` (the JSON and the CLI) stays as it always was. Each input is
 * built with the real tools (test/helpers/bad-inputs.ts); the English patterns are the ones the warnings had before
 * they had a key.
 */
const SAYS: Record<string, { en: RegExp; nl: RegExp }> = {
  'ingest.refused-link': {
    en: /links\.tar: refused (symbolic link "var\/log\/shadow-link" → "\/etc\/shadow"|hard link "var\/log\/waagent\.log" → "var\/log\/hardlink\.log") \(links are never followed\)$/,
    nl: /links\.tar: (symbolische koppeling "var\/log\/shadow-link" → "\/etc\/shadow"|harde koppeling "var\/log\/waagent\.log" → "var\/log\/hardlink\.log") geweigerd \(koppelingen worden nooit gevolgd\)$/,
  },
  'ingest.refused-entry': {
    en: /: refused entry "\.\.\/(\.\.\/escape\.txt|evil\.sh)": path escapes the bundle \(\.\.\)$/,
    nl: /: bestand "\.\.\/(\.\.\/escape\.txt|evil\.sh)" geweigerd: het pad gaat buiten de bundel \(\.\.\)$/,
  },
  'ingest.tar-bomb': {
    en: /bomb\.tar\.bz2: refused the rest, it inflates past \d+ bytes \(ratio above 200: a decompression bomb\?\)$/,
    nl: /bomb\.tar\.bz2: de rest is geweigerd, het wordt uitgepakt groter dan \d+ bytes \(verhouding boven 200: een decompressiebom\?\)$/,
  },
  'ingest.tar-cut': {
    en: /cut\.tar!var\/log\/waagent\.log: the archive ends inside this file, so only \d+ of its \d+ bytes were read$/,
    nl: /cut\.tar!var\/log\/waagent\.log: het archief houdt op binnen dit bestand, dus alleen \d+ van de \d+ bytes zijn gelezen$/,
  },
  'ingest.archive-cut': {
    en: /^\S+(cut\.tar|nodir\.zip) is a (tar|zip) archive cut short \(the download or copy stopped before its end(, where the list of its files is)?\): (1 file was|\d+ files were) still read(, the last (one|of them) \(\S+\) only up to the cut)?; collect the bundle again to get the rest$/,
    nl: /^\S+(cut\.tar|nodir\.zip) is een (tar|zip)-archief dat is afgebroken \(het downloaden of kopiëren stopte vóór het einde(, waar de lijst van de bestanden staat)?\): (1 bestand is|\d+ bestanden zijn) toch gelezen(, (dat|het laatste) \(\S+\) alleen tot waar het afbreekt)?; verzamel de bundel opnieuw voor de rest$/,
  },
  'ingest.archive-damaged': {
    en: /^\S+badsum\.tar is a tar archive damaged part-way \(bytes in it were changed on the way\): 1 file was still read, what stood in the damaged part is lost; collect the bundle again to get the rest$/,
    nl: /^\S+badsum\.tar is een tar-archief dat halverwege beschadigd is \(er zijn onderweg bytes in veranderd\): 1 bestand is toch gelezen, wat in het beschadigde deel stond is verloren; verzamel de bundel opnieuw voor de rest$/,
  },
  'ingest.zip-ratio-declared': {
    en: /nodir\.zip!var\/log\/syslog: refused, declared ratio above 200 \(a zip bomb\?\)$/,
    nl: /nodir\.zip!var\/log\/syslog: geweigerd, opgegeven verhouding boven 200 \(een zipbom\?\)$/,
  },
  'ingest.zip-ratio-inflated': {
    en: /nodir\.zip!var\/log\/messages: refused, it inflates past 200× its \d+ bytes \(a zip bomb\?\)$/,
    nl: /nodir\.zip!var\/log\/messages: geweigerd, het wordt uitgepakt groter dan 200× zijn \d+ bytes \(een zipbom\?\)$/,
  },
  'ingest.damaged': {
    en: /^damaged xz \(.+\); kept the \d+ bytes before the damage$/,
    nl: /^beschadigde xz \(".+"\); de \d+ bytes vóór de beschadiging zijn bewaard$/,
  },
  'ingest.trailing': {
    en: /^34 bytes after the end of the bzip2 data were ignored$/,
    nl: /^34 bytes na het einde van de bzip2-gegevens zijn genegeerd$/,
  },
  'ingest.unpacked-capped': {
    en: /^inflates to \d+ bytes, more than the \d+-byte per-file cap; kept the last \d+ bytes$/,
    nl: /^wordt uitgepakt tot \d+ bytes, meer dan de per-bestandslimiet van \d+ bytes; alleen de laatste \d+ bytes zijn bewaard$/,
  },
  'ingest.entry-cap': {
    en: /many\.zip: more than 100 entries; the rest were not read \(entry cap\)$/,
    nl: /many\.zip: meer dan 100 bestanden; de rest is niet gelezen \(grens voor het aantal bestanden\)$/,
  },
  'ingest.total-cap': {
    en: /big\.zip: total uncompressed size would pass \d+ bytes at var\/log\/azure\/.+\/extension\.log; it and later entries were skipped \(total size cap\)$/,
    nl: /big\.zip: bij var\/log\/azure\/.+\/extension\.log zou de uitgepakte grootte samen boven \d+ bytes komen; dat bestand en de volgende zijn overgeslagen \(grens voor de totale grootte\)$/,
  },
  'ingest.loose-unknown': {
    en: /^notes\.bin: loose file, not recognised by its name or content; kept under its own name$/,
    nl: /^notes\.bin: los bestand, niet herkend aan zijn naam of inhoud; bewaard onder zijn eigen naam$/,
  },
  'ingest.loose-placed': {
    en: /^ticket-4711 backup\.txt: loose file, placed at \/var\/log\/azure\/Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux\/extension\.log \(its content is the Backup extension's log \(VMSnapshotLinux extension\.log\)\)$/,
    nl: /^ticket-4711 backup\.txt: los bestand, geplaatst op \/var\/log\/azure\/Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux\/extension\.log \(de inhoud is die van het log van de back-upextensie \(VMSnapshotLinux extension\.log\)\)$/,
  },
  'ingest.collector-guess': {
    en: /^truncated_var_log_azure_Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent_mdsd\.err: the collector flattened its path; guessed var\/log\/azure\/Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent\/mdsd\.err \(underscores in the name are ambiguous\)$/,
    nl: /^truncated_var_log_azure_Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent_mdsd\.err: de logverzamelaar heeft het pad platgeslagen; geraden: var\/log\/azure\/Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent\/mdsd\.err \(underscores in de naam zijn dubbelzinnig\)$/,
  },
  'ingest.collector-unknown': {
    en: /^truncated_opt_app_big_file\.log: could not tell where this truncated file lived on the VM; guessed opt\/app\/big\/file\.log$/,
    nl: /^truncated_opt_app_big_file\.log: niet te zeggen waar dit ingekorte bestand op de VM stond; geraden: opt\/app\/big\/file\.log$/,
  },
};

const dir = await mkdtemp(join(tmpdir(), 'vmbd-dutch-warnings-'));
const inputs: BadInput[] = await badInputs(dir);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest warnings of bad inputs, in English and Dutch', () => {
  it('every warning below has a bad input that gives it', () => {
    expect([...new Set(inputs.flatMap((b) => b.keys))].sort()).toEqual(Object.keys(SAYS).sort());
  });

  it.each(inputs.map((b) => [b.name, b] as const))('%s: each warning is a catalogue message, its English as before, in Dutch too', async (_name, b) => {
    const r = await ingest(b.paths, { limits: b.limits });
    const all = [...r.warnings, ...r.files.flatMap((f) => f.warnings)];
    expect(all.length, b.name).toBeGreaterThan(0);
    for (const w of all) {
      expect(w.note, `${b.name}: ${w.message}`).toBeDefined();
      // the English message is the note's English: the JSON and the CLI say what they always said
      expect(renderAnalysis(w.note!, 'en')).toBe(w.message);
      expect(warningIn('nl', w)).not.toBe(w.message);
    }
    for (const key of b.keys) {
      const said = all.filter((w) => w.note?.key === key);
      expect(said.length, `${b.name}: ${key}`).toBeGreaterThan(0);
      for (const w of said) {
        expect(w.message, key).toMatch(SAYS[key].en);
        expect(warningIn('nl', w), key).toMatch(SAYS[key].nl);
      }
    }
    // the input's own list (the window's "Inputs") says the same warnings in Dutch, in the same order
    const listed = r.inputs.flatMap((i) => inputWarningsIn('nl', i));
    expect(listed.sort()).toEqual(all.map((w) => warningIn('nl', w)).sort());
    expect(r.inputs.flatMap((i) => inputWarningsIn('en', i))).toEqual(r.inputs.flatMap((i) => i.warnings));
  });
});
