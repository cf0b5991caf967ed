import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

/** A refusal naming the field, as the validation pipe's: { statusCode, message, errors: { field: [message] } }. */
function body(status: number, field: string, zh: string, en: string) {
  const message = `${zh} / ${en}`;
  return { statusCode: status, message, errors: { [field]: [message] } };
}

export const FILE_PROBLEMS = {
  unknownOwnerType: () =>
    new BadRequestException(body(400, 'ownerType', '附件所属的记录类型不正确', 'ownerType is not a kind of record that takes files')),
  ownerNotFound: () => new NotFoundException({ statusCode: 404, message: '没有该记录 / No such record' }),
  fileNotFound: () => new NotFoundException({ statusCode: 404, message: '没有该附件 / No such file' }),
  notWritable: () =>
    new ForbiddenException({
      statusCode: 403,
      message: '您可以查看该记录的附件，但无权上传或删除 / You may read this record’s files but not add or remove them',
    }),
  noFile: () => new BadRequestException(body(400, 'file', '请选择要上传的文件（表单字段 file）', 'Attach the file as the form field "file"')),
  emptyFile: () => new BadRequestException(body(400, 'file', '上传的文件是空的', 'The uploaded file is empty')),
  badName: () =>
    new BadRequestException(
      body(400, 'file', '文件名不能为空、不能含控制字符，且最多255个字符', 'The file name must be 1-255 characters without control characters'),
    ),
  unsupportedType: () =>
    new HttpException(
      body(
        415,
        'file',
        '文件类型不受支持：只接受 PDF、图片（PNG、JPEG）、Word（.doc、.docx）和 Excel（.xls、.xlsx），按文件内容识别，与扩展名无关',
        'Unsupported file type: only PDF, PNG/JPEG images, Word (.doc, .docx) and Excel (.xls, .xlsx), judged by the content, not the name',
      ),
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ),
  encrypted: () =>
    new HttpException(
      body(415, 'file', '文档设置了打开密码，无法识别，请取消密码后再上传', 'The document is password-protected; remove the password and upload it again'),
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ),
  macros: () =>
    new HttpException(
      body(415, 'file', '不接受含宏的 Office 文档，请另存为不含宏的文件后上传', 'Office documents with macros are not accepted; save it without macros'),
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ),
  extensionContradicts: (sniffed: string, extension: string) =>
    new UnprocessableEntityException(
      body(
        422,
        'file',
        `文件内容是 ${sniffed}，但文件名的扩展名为 .${extension}，二者不符，请核对文件或改正文件名`,
        `The content is ${sniffed} but the name ends in .${extension}; check the file or correct its name`,
      ),
    ),
  infected: (threat: string) =>
    new UnprocessableEntityException(
      body(422, 'file', `文件未通过病毒扫描（${threat}），未保存`, `The file failed the virus scan (${threat}) and was not stored`),
    ),
  tooLarge: (mb: number) =>
    new HttpException(
      body(413, 'file', `文件超过 ${mb} MB，请压缩或拆分后再上传`, `The file is larger than ${mb} MB; compress or split it`),
      HttpStatus.PAYLOAD_TOO_LARGE,
    ),
};
