/**
 * The report's stylesheet, inlined into the HTML. Print-first: system fonts only (no downloads), page
 * breaks that keep a finding and a chart together, table headers that repeat on every page.
 */
export function REPORT_CSS(paper: 'A4' | 'Letter'): string {
  return `
@page { size: ${paper}; margin: 14mm 13mm 16mm 13mm; }
:root { --ink:#1f2933; --muted:#607080; --line:#d9e0e6; --accent:#0b5cab; --bad:#c62828; --good:#2e7d32; --soft:#f4f7fa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 190mm; font-family: "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.4; color: var(--ink); background: #fff; }
h1 { font-size: 17pt; margin: 2px 0 2px; font-weight: 650; }
h2 { font-size: 12.5pt; margin: 16px 0 6px; padding-bottom: 3px; border-bottom: 2px solid var(--accent); color: #12355b; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 0 0 4px; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 8px 0 3px; color: #344554; text-transform: uppercase; letter-spacing: .03em; break-after: avoid; page-break-after: avoid; }
p { margin: 3px 0 5px; }
code, .mono, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; }
code { font-size: 8.5pt; background: var(--soft); padding: 0 3px; border-radius: 2px; overflow-wrap: anywhere; }
.brand { font-size: 8pt; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); font-weight: 700; }
.subtitle { color: var(--muted); margin: 0 0 8px; }
.doc-head { border-bottom: 1px solid var(--line); padding-bottom: 8px; }
dl.meta { display: grid; grid-template-columns: 36mm 1fr; gap: 1px 10px; margin: 6px 0 0; font-size: 8.8pt; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-word; }
.verdict { margin: 12px 0 6px; padding: 10px 12px; border-radius: 4px; border-left: 6px solid var(--good); background: #eef7ef; break-inside: avoid; page-break-inside: avoid; }
.verdict.found { border-left-color: var(--bad); background: #fdf0f0; }
.verdict-label { font-size: 8pt; text-transform: uppercase; letter-spacing: .1em; color: var(--muted); font-weight: 700; }
.headline { font-size: 14pt; font-weight: 700; margin: 2px 0 4px; }
.summary { font-size: 10pt; }
.multiple-vms { font-size: 10pt; margin: 4px 0; padding: 4px 8px; border-left: 4px solid #b7791f; background: #fdf6e3; }
.chips { margin: 3px 0; }
.chip { display: inline-block; font-size: 8pt; padding: 1px 6px; border-radius: 9px; background: #e3e8ee; color: #2c3e50; font-weight: 600; vertical-align: middle; }
.chip.code { background: #fff; border: 1px solid #c9d3dc; font-family: "DejaVu Sans Mono", monospace; font-weight: 500; }
.chip.conf-high { background: #c62828; color: #fff; }
.chip.conf-medium { background: #ef6c00; color: #fff; }
.chip.conf-low { background: #fbc02d; color: #222; }
.finding { border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; margin: 8px 0; }
/* A finding may span pages, but its heading stays with its reason, and each evidence line and the remedy stay whole. */
.finding-head { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.finding .ids { font-size: 8.5pt; color: var(--muted); }
.evidence { border: 1px solid var(--line); border-radius: 3px; background: #fbfcfd; }
.ev { padding: 3px 6px; border-top: 1px solid var(--line); break-inside: avoid; page-break-inside: avoid; }
.ev:first-child { border-top: 0; }
.ev-loc { display: flex; justify-content: space-between; gap: 8px; font-size: 7.8pt; color: var(--muted); }
.ev-loc .file { font-family: "DejaVu Sans Mono", monospace; color: #12355b; word-break: break-all; }
.ev-loc .time { white-space: nowrap; }
pre { margin: 1px 0 0; font-size: 7.8pt; white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; }
ol.remedy { margin: 2px 0 4px 18px; padding: 0; }
ol.remedy li { margin: 1px 0; }
.remedy-block { break-inside: avoid; page-break-inside: avoid; }
.links { font-size: 8.3pt; color: var(--muted); }
.links .url { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
.muted { color: var(--muted); }
.small { font-size: 8pt; }
.nowrap { white-space: nowrap; }
.num { text-align: right; }
.danger { margin: 6px 0; padding: 6px 8px; border: 2px solid var(--bad); color: var(--bad); font-weight: 700; border-radius: 3px; }
table.grid { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 4px 0 6px; }
table.grid th { overflow-wrap: anywhere; text-align: left; background: #eaf0f6; color: #26384a; font-weight: 600; padding: 3px 5px; border-bottom: 1px solid #c3cfda; }
table.grid td { padding: 3px 5px; border-bottom: 1px solid var(--line); vertical-align: top; word-break: break-word; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
table.files td { padding: 1px 5px; }
table.tasks, table.exts { table-layout: fixed; }
td.task-id, td.msg, td.wrap { overflow-wrap: anywhere; word-break: normal; }
table.exts td, table.tasks td { word-break: normal; }
table.grid td .small, td.small { font-size: 7.8pt; }
table.causes td:first-child { width: 38%; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; vertical-align: baseline; }
.azure { color: #0b5cab; }
svg.chart { display: block; margin: 2px 0 4px; font-family: "DejaVu Sans", Arial, sans-serif; }
.key { font-size: 8pt; color: var(--muted); margin: 2px 0 6px; }
.key-title { font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 3px 0 8px; vertical-align: -1px; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.appendix ul { margin: 2px 0 6px 16px; padding: 0; font-size: 8.5pt; }
.warnings li { word-break: break-all; }
.redaction { border-top: 1px solid var(--line); margin-top: 14px; font-size: 8.5pt; }
.redaction h2 { font-size: 10pt; border-bottom: 0; }
@media screen { body { padding: 16px; } }
`;
}
