/**
 * The binary structures of certificate transparency, read without copying: RFC 6962's MerkleTreeLeaf
 * and extra_data (get-entries), and static-CT's TileLeaf (c2sp.org/static-ct-api data tiles). Only what
 * the monitor needs comes out: the entry's type, timestamp and the DER of the certificate whose names
 * count (for a precertificate, the full pre_certificate, which carries the SANs; the log's TBS has the
 * poison removed and is not a certificate one can parse).
 */

export interface LogEntry {
  index: number;
  type: 'x509' | 'precert';
  /** Milliseconds since the epoch, as the log stamped it. */
  timestamp: number;
  der: Buffer;
}

export class MalformedEntryError extends Error {
  readonly code = 'CT_ENTRY_MALFORMED';
}

/** A cursor over TLS-encoded bytes (RFC 5246 §4: big-endian integers, length-prefixed vectors). */
class Reader {
  pos = 0;
  constructor(private readonly b: Buffer) {}

  private need(n: number, what: string): void {
    if (this.pos + n > this.b.length) throw new MalformedEntryError(`${what}: needs ${n} bytes at ${this.pos}, has ${this.b.length - this.pos}`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = this.b.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u24(what: string): number {
    this.need(3, what);
    const v = (this.b[this.pos]! << 16) | this.b.readUInt16BE(this.pos + 1);
    this.pos += 3;
    return v;
  }
  u64(what: string): number {
    this.need(8, what);
    const v = this.b.readBigUInt64BE(this.pos);
    this.pos += 8;
    return Number(v);
  }
  bytes(n: number, what: string): Buffer {
    this.need(n, what);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }
  get done(): boolean {
    return this.pos >= this.b.length;
  }
}

const X509_ENTRY = 0;
const PRECERT_ENTRY = 1;

/** TimestampedEntry up to and including its extensions; answers the type, timestamp and (x509) the certificate. */
function timestampedEntry(r: Reader): { type: 'x509' | 'precert'; timestamp: number; cert?: Buffer } {
  const timestamp = r.u64('timestamp');
  const entryType = r.u16('entry_type');
  let cert: Buffer | undefined;
  if (entryType === X509_ENTRY) cert = r.bytes(r.u24('ASN.1Cert length'), 'ASN.1Cert');
  else if (entryType === PRECERT_ENTRY) {
    r.skip(32, 'issuer_key_hash');
    r.skip(r.u24('tbs_certificate length'), 'tbs_certificate');
  } else throw new MalformedEntryError(`unknown entry_type ${entryType}`);
  r.skip(r.u16('extensions length'), 'extensions');
  return { type: entryType === X509_ENTRY ? 'x509' : 'precert', timestamp, ...(cert ? { cert } : {}) };
}

/** One get-entries item: leaf_input (MerkleTreeLeaf) and extra_data (the chain, or a PrecertChainEntry). */
export function parseRfc6962Entry(index: number, leafInput: Buffer, extraData: Buffer): LogEntry {
  const r = new Reader(leafInput);
  const version = r.u8('version');
  const leafType = r.u8('leaf_type');
  if (version !== 0 || leafType !== 0) throw new MalformedEntryError(`entry ${index}: MerkleTreeLeaf version ${version}, leaf_type ${leafType}`);
  const e = timestampedEntry(r);
  if (e.type === 'x509') return { index, type: 'x509', timestamp: e.timestamp, der: e.cert! };
  // PrecertChainEntry: the pre_certificate first, then its chain.
  const x = new Reader(extraData);
  const der = x.bytes(x.u24('pre_certificate length'), 'pre_certificate');
  return { index, type: 'precert', timestamp: e.timestamp, der };
}

/** Every TileLeaf of a data tile, in order; `first` is the index of the tile's first entry. */
export function parseDataTile(first: number, tile: Buffer): LogEntry[] {
  const r = new Reader(tile);
  const out: LogEntry[] = [];
  while (!r.done) {
    const index = first + out.length;
    const e = timestampedEntry(r);
    const der = e.type === 'x509' ? e.cert! : r.bytes(r.u24('pre_certificate length'), 'pre_certificate');
    // certificate_chain: SHA-256 fingerprints of the issuers (served under /issuer/).
    const chain = r.u16('certificate_chain length');
    if (chain % 32 !== 0) throw new MalformedEntryError(`entry ${index}: certificate_chain of ${chain} bytes is not a list of fingerprints`);
    r.skip(chain, 'certificate_chain');
    out.push({ index, type: e.type, timestamp: e.timestamp, der });
  }
  return out;
}

/** The path of data tile `n` (c2sp.org/tlog-tiles): groups of three digits, all but the last with an x. */
export function tilePath(n: number, width = 256): string {
  const digits = String(n);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g)!;
  const path = groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
  return `tile/data/${path}${width < 256 ? `.p/${width}` : ''}`;
}
