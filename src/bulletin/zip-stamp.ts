/**
 * Sets the modification time of every entry of a zip file (local headers and central directory) to one instant, so
 * that the same content zips to the same bytes whenever it is made: the zip writer stamps entries with the clock.
 * Only the header fields change; the entries' data and checksums do not cover them.
 */
export function stampZipEntries(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let central = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(central) !== 0x02014b50) throw new Error('not a zip file: bad central directory entry');
    out.writeUInt16LE(time, central + 12);
    out.writeUInt16LE(date, central + 14);
    const local = out.readUInt32LE(central + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('not a zip file: bad local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    central += 46 + out.readUInt16LE(central + 28) + out.readUInt16LE(central + 30) + out.readUInt16LE(central + 32);
  }
  return out;
}
