/**
 * A Content-Disposition header for a file name in Vietnamese (RFC 6266 / RFC 5987): an ASCII fallback in
 * `filename` for old clients, the exact UTF-8 name in `filename*`.
 */
export function contentDisposition(fileName: string, inline: boolean): string {
  const name = fileName.normalize('NFC').replace(/[\r\n"\\/]+/g, ' ').trim() || 'tai-lieu';
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
