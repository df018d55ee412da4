// Draws the app icon (256×256 PNG): a shield in Azure blue with a heartbeat line. Run once; the
// PNG is committed under assets/.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const S = 256;
const px = new Uint8Array(S * S * 4);
const set = (x, y, [r, g, b, a]) => {
  if (x < 0 || y < 0 || x >= S || y >= S) return;
  const i = (y * S + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
// shield: rounded top, pointed bottom
for (let y = 16; y < 244; y++) {
  const t = (y - 16) / 228;
  const half = t < 0.55 ? 104 : 104 * (1 - (t - 0.55) / 0.45);
  for (let x = Math.round(128 - half); x <= Math.round(128 + half); x++) {
    const shade = Math.round(40 * t);
    set(x, y, [0, 120 - shade, 212 - shade, 255]);
  }
}
// heartbeat polyline in white, 8 px thick
const pts = [[48, 128], [92, 128], [108, 92], [128, 168], [146, 110], [158, 128], [208, 128]];
for (let k = 0; k + 1 < pts.length; k++) {
  const [x0, y0] = pts[k]; const [x1, y1] = pts[k + 1];
  const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let s = 0; s <= n; s++) {
    const x = x0 + ((x1 - x0) * s) / n; const y = y0 + ((y1 - y0) * s) / n;
    for (let dx = -4; dx <= 4; dx++) for (let dy = -4; dy <= 4; dy++) if (dx * dx + dy * dy <= 16) set(Math.round(x + dx), Math.round(y + dy), [255, 255, 255, 255]);
  }
}
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) { raw[y * (S * 4 + 1)] = 0; Buffer.from(px.buffer, y * S * 4, S * 4).copy(raw, y * (S * 4 + 1) + 1); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../assets/icon.png', import.meta.url), Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
