import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PolicyDocument, Task } from '@tracker/database';
import { decodePolicyBuffer, decodePolicyDocument, DocumentInputError } from '@tracker/documents';
import { DataSource } from 'typeorm';
import { DocumentError } from './documents.errors';
import { DocumentInput } from './documents-import.service';

export interface DocumentSummary {
  id: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  sourceFile: string | null;
  tasks: number;
  importedAt: string;
}

export interface DocumentTreeNode {
  id: string;
  path: string[];
  heading: string;
  isTask: boolean;
  deadlineOn: string | null;
  children: DocumentTreeNode[];
}

@Injectable()
export class DocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Turns request input (text, or base64 bytes of a text, Word or PDF file) into text, refusing
   * what is not a readable document (a scanned PDF: reason NO_TEXT_LAYER).
   */
  async decodeInput(dto: { fileName: string; text?: string; contentBase64?: string }): Promise<DocumentInput & { encoding: string; format: string }> {
    try {
      if (dto.contentBase64 !== undefined) {
        const { text, encoding, format } = await decodePolicyDocument(Buffer.from(dto.contentBase64, 'base64'), dto.fileName);
        return { fileName: dto.fileName, text, encoding, format };
      }
      const { text } = decodePolicyBuffer(Buffer.from(dto.text ?? '', 'utf8'), dto.fileName);
      return { fileName: dto.fileName, text, encoding: 'utf-8', format: 'text' };
    } catch (error) {
      if (error instanceof DocumentInputError) {
        throw new DocumentError(error.code === 'TOO_LARGE' ? 'DOCUMENT_TOO_LARGE' : 'DOCUMENT_UNREADABLE', error.message, {
          reason: error.code,
        });
      }
      throw error;
    }
  }

  async list(): Promise<DocumentSummary[]> {
    const rows = await this.dataSource.query<
      (Omit<DocumentSummary, 'importedAt'> & { importedAt: Date })[]
    >(
      `SELECT d.id, d.title, d.issuer, d.doc_number AS "docNumber", to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              d.source_file AS "sourceFile", d.imported_at AS "importedAt",
              (SELECT count(*)::int FROM tasks t WHERE t.document_id = d.id AND t.is_task) AS tasks
         FROM policy_documents d ORDER BY d.issued_on NULLS LAST, d.imported_at`,
    );
    return rows.map((r) => ({ ...r, importedAt: new Date(r.importedAt).toISOString() }));
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const doc = await this.dataSource.getRepository(PolicyDocument).findOne({
      where: { id },
      select: {
        id: true, title: true, issuer: true, docNumber: true, issuedOn: true, sourceFile: true,
        leadingBody: true, office: true, supervisionClauses: true, supervisionProfile: true, importedAt: true,
      },
    });
    if (!doc) throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${id} does not exist`);
    const tasks = await this.dataSource.getRepository(Task).find({ where: { documentId: id }, order: { ordinal: 'ASC' } });
    const nodes = new Map<string, DocumentTreeNode>();
    const roots: DocumentTreeNode[] = [];
    for (const t of tasks) {
      const node: DocumentTreeNode = { id: t.id, path: t.path, heading: t.heading, isTask: t.isTask, deadlineOn: t.deadlineOn, children: [] };
      nodes.set(t.id, node);
      const parent = t.parentId ? nodes.get(t.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return { ...doc, importedAt: doc.importedAt.toISOString(), tree: roots };
  }
}
