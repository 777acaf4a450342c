import type { Ctx } from '../../context';
import { AppError } from '../../http/errors';
import { safeEqual } from '../../lib/crypto';
import type { Visitor } from './visitor-token';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What visitors may attach: pictures, PDFs, plain text and office documents. */
const ALLOWED =
  /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|text\/csv|application\/(msword|vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet)|vnd\.ms-excel))$/;

export function assertUploadAllowed(mime: string) {
  if (!ALLOWED.test(mime))
    throw new AppError('invalid', 'file_type_not_allowed', `Files of type ${mime || 'unknown'} cannot be sent here`);
}

export interface UploadedFile {
  fileId: number;
  name: string;
  mime: string;
  size: number;
}

const PURPOSE = 'webchat-upload';

/**
 * A visitor's receipt for an upload: it names the file and is bound to the visitor's address, so a
 * message can only attach files that this visitor uploaded (file ids alone would let one attach anyone's).
 */
export function uploadReceipt(ctx: Ctx, visitor: Visitor, file: UploadedFile): string {
  const payload = Buffer.from(JSON.stringify([file.fileId, file.name, file.mime, file.size])).toString('base64url');
  return `${payload}.${ctx.secrets.sign(PURPOSE, `${visitor.channelId}\0${visitor.externalId}\0${payload}`)}`;
}

export function readUploadReceipt(ctx: Ctx, visitor: Visitor, receipt: string): UploadedFile {
  const [payload = '', mac = ''] = receipt.split('.');
  if (!safeEqual(mac, ctx.secrets.sign(PURPOSE, `${visitor.channelId}\0${visitor.externalId}\0${payload}`)))
    throw new AppError('invalid', 'invalid_upload', 'Unknown attachment; upload it again');
  const [fileId, name, mime, size] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [
    number,
    string,
    string,
    number,
  ];
  return { fileId, name, mime, size };
}
