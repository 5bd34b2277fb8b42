import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES } from './sql';

/** One unit of a document with how many tasks it holds and what accounts and invitations it has. */
export interface DocumentUnitAccounts {
  unitId: string;
  unitName: string;
  leadTasks: number;
  supportTasks: number;
  accounts: number;
  activeAccounts: number;
  /** Invitations not yet accepted, not expired at `now`, and whose mail has not failed for good. */
  pendingInvitations: number;
  /** Invitations whose mail failed for good (every attempt): the office should invite again. */
  failedInvitations: number;
  /** When the latest pending invitation expires. */
  invitationExpiresAt: Date | null;
}

/** An invitation with the names its page and its mail show. */
export interface InvitationRecord {
  id: string;
  unitId: string;
  unitName: string;
  documentId: string | null;
  documentTitle: string | null;
  email: string;
  invitedBy: string | null;
  inviterName: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  sentAt: Date | null;
  tokenHash: string;
}

interface UnitRow {
  unit_id: string;
  unit_name: string;
  lead_tasks: number;
  support_tasks: number;
  accounts: number;
  active_accounts: number;
  pending_invitations: number;
  failed_invitations: number;
  invitation_expires_at: Date | null;
}

interface InvitationRow {
  id: string;
  unit_id: string;
  unit_name: string;
  document_id: string | null;
  document_title: string | null;
  email: string;
  invited_by: string | null;
  inviter_name: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  sent_at: Date | null;
  token_hash: string;
}

const INVITATION_SQL = `SELECT i.id, i.unit_id, un.name AS unit_name, i.document_id, coalesce(d.title, d.source_file) AS document_title,
       i.email, i.invited_by, inv.display_name AS inviter_name, i.expires_at, i.accepted_at, i.sent_at, i.token_hash
  FROM account_invitations i
  JOIN units un ON un.id = i.unit_id
  LEFT JOIN policy_documents d ON d.id = i.document_id
  LEFT JOIN users inv ON inv.id = i.invited_by`;

/**
 * The document's assignments by current unit: a unit assigned under a former name counts for the
 * unit its successor chain ends at (where its accounts are). Bounded depth, so a mistaken cycle ends.
 */
const HELD_BY_CURRENT_UNIT = `WITH RECURSIVE held AS (
    SELECT a.unit_id AS assigned_id, a.role, a.task_id
      FROM assignments a JOIN tasks t ON t.id = a.task_id
     WHERE t.document_id = $1 AND a.state IN ${HELD_ASSIGNMENT_STATES}
  ), climb AS (
    SELECT DISTINCT assigned_id, assigned_id AS unit_id, 0 AS depth FROM held
    UNION
    SELECT c.assigned_id, u.successor_id, c.depth + 1
      FROM climb c JOIN units u ON u.id = c.unit_id
     WHERE u.successor_id IS NOT NULL AND c.depth < 16
  ), current_unit AS (
    SELECT DISTINCT ON (assigned_id) assigned_id, unit_id FROM climb ORDER BY assigned_id, depth DESC
  ), by_unit AS (
    SELECT cu.unit_id,
           count(DISTINCT h.task_id) FILTER (WHERE h.role = 'lead')::int AS lead_tasks,
           count(DISTINCT h.task_id) FILTER (WHERE h.role = 'support')::int AS support_tasks
      FROM held h JOIN current_unit cu ON cu.assigned_id = h.assigned_id
     GROUP BY cu.unit_id
  )`;

/** The accounts of a document's units, and the invitations that open them. */
export class UnitAccountsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every unit holding a task of the document (lead or supporting, former names folded into their successor), lead units first, then by name. */
  async forDocument(documentId: string, now: Date): Promise<DocumentUnitAccounts[]> {
    const rows: UnitRow[] = await this.em.query(
      `${HELD_BY_CURRENT_UNIT}
       SELECT un.id AS unit_id, un.name AS unit_name, h.lead_tasks, h.support_tasks,
              coalesce(acc.total, 0) AS accounts, coalesce(acc.active, 0) AS active_accounts,
              coalesce(inv.pending, 0) AS pending_invitations, coalesce(inv.failed, 0) AS failed_invitations,
              inv.expires_at AS invitation_expires_at
         FROM by_unit h
         JOIN units un ON un.id = h.unit_id
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT u.is_disabled)::int AS active
             FROM users u WHERE u.unit_id = h.unit_id AND 'agency' = ANY(u.roles)
         ) acc ON true
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE i.failed_at IS NULL)::int AS pending,
                  count(*) FILTER (WHERE i.failed_at IS NOT NULL)::int AS failed,
                  max(i.expires_at) FILTER (WHERE i.failed_at IS NULL) AS expires_at
             FROM account_invitations i
            WHERE i.unit_id = h.unit_id AND i.accepted_at IS NULL AND i.expires_at > $2
         ) inv ON true
        ORDER BY (h.lead_tasks = 0), un.name`,
      [documentId, now],
    );
    return rows.map((r) => ({
      unitId: r.unit_id,
      unitName: r.unit_name,
      leadTasks: r.lead_tasks,
      supportTasks: r.support_tasks,
      accounts: r.accounts,
      activeAccounts: r.active_accounts,
      pendingInvitations: r.pending_invitations,
      failedInvitations: r.failed_invitations,
      invitationExpiresAt: r.invitation_expires_at,
    }));
  }

  /** Which of these units hold a task of the document (as current units: a former name is not one). */
  async unitsOfDocument(documentId: string, unitIds: string[]): Promise<Set<string>> {
    const rows: { unit_id: string }[] = await this.em.query(
      `${HELD_BY_CURRENT_UNIT} SELECT unit_id FROM by_unit WHERE unit_id = ANY($2::uuid[])`,
      [documentId, unitIds],
    );
    return new Set(rows.map((r) => r.unit_id));
  }

  /** The invitation whose token hashes to this, locked for the accept (a second accept waits, then sees it used). */
  async lockByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    const [row]: InvitationRow[] = await this.em.query(
      `${INVITATION_SQL} WHERE i.token_hash = $1 FOR UPDATE OF i`,
      [tokenHash],
    );
    return row ? toRecord(row) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    const [row]: InvitationRow[] = await this.em.query(
      `${INVITATION_SQL} WHERE i.token_hash = $1`,
      [tokenHash],
    );
    return row ? toRecord(row) : null;
  }

  /** The invitation for its mail, locked; a concurrent send of the same row skips it. */
  async lockForMail(id: string): Promise<InvitationRecord | null> {
    const [row]: InvitationRow[] = await this.em.query(
      `${INVITATION_SQL} WHERE i.id = $1 FOR UPDATE OF i SKIP LOCKED`,
      [id],
    );
    return row ? toRecord(row) : null;
  }

  async markAccepted(id: string, userId: string, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE account_invitations SET accepted_at = $2, user_id = $3 WHERE id = $1`,
      [id, at, userId],
    );
  }

  /** Unsent invitation mails with no final failure, oldest first (the outbox relay). */
  async unsentIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM account_invitations WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}

function toRecord(r: InvitationRow): InvitationRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    documentId: r.document_id,
    documentTitle: r.document_title,
    email: r.email,
    invitedBy: r.invited_by,
    inviterName: r.inviter_name,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    sentAt: r.sent_at,
    tokenHash: r.token_hash,
  };
}
