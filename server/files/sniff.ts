/**
 * Content sniffing: what a file is, read from its bytes. The uploader's claimed type and name only
 * choose between formats that share a container (Office files are ZIP or OLE archives); they never
 * make a file something its bytes are not.
 */

const startsWith = (b: Buffer, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, text: string, at = 0) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The main part every Office Open XML file of that type has. */
const OOXML: [mainPart: string, type: string][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
const OLE_BY_EXTENSION: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** The content type of `bytes`, or `application/octet-stream` when it is nothing we know. */
export function sniff(bytes: Buffer, name: string): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 'GIF87a') || ascii(bytes, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 'RIFF') && ascii(bytes, 'WEBP', 8)) return 'image/webp';
  if (ascii(bytes, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, ZIP)) return zipType(bytes);
  if (startsWith(bytes, OLE)) return OLE_BY_EXTENSION[extensionOf(name)] ?? 'application/octet-stream';
  return textType(bytes, name);
}

/** Office Open XML and OpenDocument files are ZIP archives; their entries' names say which they are. */
function zipType(bytes: Buffer): string {
  // OpenDocument stores an uncompressed `mimetype` entry first, at a fixed place (offset 30).
  if (ascii(bytes, 'mimetype', 30)) {
    const declared = bytes.toString('latin1', 38, 38 + 60);
    if (declared.startsWith('application/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    if (declared.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'application/vnd.oasis.opendocument.spreadsheet';
    return 'application/zip';
  }
  // OOXML: entry names are stored uncompressed in every local header and in the central directory.
  const names = bytes.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return 'application/zip';
  for (const [mainPart, type] of OOXML) if (names.includes(mainPart)) return type;
  return 'application/zip';
}

/**
 * Text is valid UTF-8 without control characters other than tab, line feed, carriage return and form
 * feed. Markup is called what it is (HTML, SVG, XML), so "text" never smuggles a page or an image
 * with script in it.
 */
function textType(bytes: Buffer, name: string): string {
  if (bytes.length === 0) return 'application/octet-stream';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'application/octet-stream';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return 'application/octet-stream';
  const head = text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(text.slice(0, 4096).toLowerCase())) return 'image/svg+xml';
  if (head.startsWith('<!doctype html') || /<(html|script|body|iframe)[\s>]/.test(text.slice(0, 4096).toLowerCase())) return 'text/html';
  if (head.startsWith('<?xml')) return 'application/xml';
  return extensionOf(name) === 'csv' ? 'text/csv' : 'text/plain';
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
