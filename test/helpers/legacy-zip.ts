// A zip as Windows Explorer's "Send to > Compressed (zipped) folder" writes it: member names in the desktop's OEM code
// page (437 on a US machine, 936 on a Chinese one) and no UTF-8 flag (general purpose bit 11). fflate always writes
// UTF-8 names and sets the flag, so such a zip is written here by hand (APPNOTE.TXT 4.3: local headers, central
// directory, end record; deflated members).
import { crc32, deflateRawSync } from 'node:zlib';
import { zipEnd } from '../security/hostile';

export interface RawMember {
  /** The name's bytes as the zip holds them. */
  name: Buffer;
  data: Buffer;
}

export function legacyZip(members: readonly RawMember[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const time = (10 << 11) | (30 << 5); // 10:30:00, a DOS time
  const date = ((2024 - 1980) << 9) | (1 << 5) | 15; // 2024-01-15
  for (const m of members) {
    const packed = deflateRawSync(m.data);
    const crc = crc32(m.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6); // no UTF-8 flag
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(m.name.length, 26);
    local.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4); // made by: MS-DOS (FAT), version 2.0
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(time, 12);
    c.writeUInt16LE(date, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(m.data.length, 24);
    c.writeUInt16LE(m.name.length, 28);
    c.writeUInt32LE(0x20, 38); // FILE_ATTRIBUTE_ARCHIVE
    c.writeUInt32LE(offset, 42);
    locals.push(local, m.name, packed);
    central.push(c, m.name);
    offset += 30 + m.name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = zipEnd(members.length, cd.length, offset);
  return Buffer.concat([...locals, cd, end]);
}
