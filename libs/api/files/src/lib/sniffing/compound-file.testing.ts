/** For tests: an OLE2 compound file (the container of .doc and .xls) with the given streams and storages, no data. */
export interface CompoundEntry {
  name: string;
  /** A storage's own entries; absent: a stream. */
  children?: CompoundEntry[];
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

export function compoundFile(root: CompoundEntry[]): Buffer {
  type Flat = { name: string; type: number; left: number; right: number; child: number };
  const flat: Flat[] = [{ name: 'Root Entry', type: 5, left: FREE, right: FREE, child: FREE }];
  // Each level is a chain of right siblings: a valid (if unbalanced) red-black tree for a reader.
  const place = (entries: CompoundEntry[]): number => {
    const ids = entries.map((e) => {
      flat.push({ name: e.name, type: e.children ? 1 : 2, left: FREE, right: FREE, child: FREE });
      return flat.length - 1;
    });
    entries.forEach((e, i) => {
      flat[ids[i]].right = ids[i + 1] ?? FREE;
      if (e.children) flat[ids[i]].child = place(e.children);
    });
    return ids[0] ?? FREE;
  };
  flat[0].child = place(root);
  const dirSectors = Math.ceil(flat.length / 4);
  const bytes = Buffer.alloc(512 * (2 + dirSectors));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(0x3e, 0x18);
  bytes.writeUInt16LE(3, 0x1a);
  bytes.writeUInt16LE(0xfffe, 0x1c);
  bytes.writeUInt16LE(9, 0x1e);
  bytes.writeUInt16LE(6, 0x20);
  bytes.writeUInt32LE(1, 0x2c);
  bytes.writeUInt32LE(1, 0x30);
  bytes.writeUInt32LE(4096, 0x38);
  bytes.writeUInt32LE(END_OF_CHAIN, 0x3c);
  bytes.writeUInt32LE(END_OF_CHAIN, 0x44);
  for (let i = 0; i < 109; i++) bytes.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);
  const fat = 512;
  for (let i = 0; i < 128; i++) bytes.writeUInt32LE(FREE, fat + i * 4);
  bytes.writeUInt32LE(FAT_SECTOR, fat);
  for (let d = 0; d < dirSectors; d++) bytes.writeUInt32LE(d === dirSectors - 1 ? END_OF_CHAIN : 2 + d, fat + (1 + d) * 4);
  flat.forEach((e, i) => {
    const base = 1024 + i * 128;
    const name = Buffer.from(`${e.name}\0`, 'utf16le');
    name.copy(bytes, base);
    bytes.writeUInt16LE(name.length, base + 64);
    bytes[base + 66] = e.type;
    bytes.writeUInt32LE(e.left, base + 68);
    bytes.writeUInt32LE(e.right, base + 72);
    bytes.writeUInt32LE(e.child, base + 76);
  });
  for (let i = flat.length; i < dirSectors * 4; i++) {
    const base = 1024 + i * 128;
    bytes.writeUInt32LE(FREE, base + 68);
    bytes.writeUInt32LE(FREE, base + 72);
    bytes.writeUInt32LE(FREE, base + 76);
  }
  return bytes;
}
