"""Initial schema: every entity of SPEC section 2, plus what the ORM cannot declare.

Beyond the tables, this migration creates
- triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit events;
- the R12 guarantee in the database: no two ACTIVE privileges of one practitioner with the
  same scope and target overlap in validity at one site (a trigger on SQLite, whose
  writers are serialised; an exclusion constraint over a date range on PostgreSQL);
- the audit head row that serialises appends to the hash chain.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UPGRADE = """
CREATE TABLE "api_key" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL UNIQUE,
    "secret_hash" VARCHAR(64) NOT NULL,
    "roles" JSON NOT NULL,
    "expires_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "last_used_at" TIMESTAMP,
    "created_by" VARCHAR(200) NOT NULL
);
CREATE TABLE "audit_event" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "occurred_at" VARCHAR(32) NOT NULL,
    "actor_type" VARCHAR(16) NOT NULL,
    "actor_id" VARCHAR(64),
    "actor_name" VARCHAR(200) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "entity_type" VARCHAR(32) NOT NULL,
    "entity_id" VARCHAR(64),
    "before_json" TEXT,
    "after_json" TEXT,
    "reason" TEXT,
    "request_id" VARCHAR(64),
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL
);
CREATE INDEX "idx_audit_event_entity__fcd4dc" ON "audit_event" ("entity_type", "entity_id");
CREATE INDEX "idx_audit_event_action_3fd1cc" ON "audit_event" ("action");
CREATE INDEX "idx_audit_event_occurre_eb4795" ON "audit_event" ("occurred_at");
CREATE INDEX "idx_audit_event_actor_i_770e12" ON "audit_event" ("actor_id");
CREATE TABLE "audit_head" (
    "id" INT NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" VARCHAR(64) NOT NULL
) /* One row holding the last seq and hash; locking it serialises appends. */;
CREATE TABLE "calendar_day" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "day" DATE NOT NULL UNIQUE,
    "kind" VARCHAR(8) NOT NULL,
    "name" VARCHAR(100) NOT NULL
) /* A date that breaks the Monday-Friday rule: a HOLIDAY on a weekday or a WORKDAY */;
CREATE TABLE "catalogue_version" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "number" INT NOT NULL UNIQUE,
    "effective_from" DATE NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "added" INT NOT NULL,
    "removed" INT NOT NULL,
    "changed" INT NOT NULL
);
CREATE TABLE "committee_decision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "committee" VARCHAR(200) NOT NULL,
    "meeting_on" DATE NOT NULL,
    "outcome" VARCHAR(32) NOT NULL,
    "votes_for" INT NOT NULL,
    "votes_against" INT NOT NULL,
    "votes_abstain" INT NOT NULL,
    "minutes_ref" VARCHAR(200) NOT NULL,
    "signed_by" JSON NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" INT NOT NULL
);
CREATE INDEX "idx_committee_d_subject_f8bb1a" ON "committee_decision" ("subject_type", "subject_id");
CREATE TABLE "idempotency_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "actor_key" VARCHAR(64) NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "operation" VARCHAR(64) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "result_type" VARCHAR(32) NOT NULL,
    "result_id" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_idempotency_actor_k_953130" UNIQUE ("actor_key", "key")
);
CREATE TABLE "site" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "is_default" INT NOT NULL,
    "default_validity_months" INT NOT NULL,
    "reevaluation_months" INT NOT NULL,
    "emergency_report_hours" INT NOT NULL
);
CREATE TABLE "department" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "day_surgery_approved" INT NOT NULL,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT
);
CREATE TABLE "review_cycle" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "selection" JSON NOT NULL,
    "site_id" INT REFERENCES "site" ("id") ON DELETE RESTRICT
);
CREATE TABLE "specialty" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL
);
CREATE TABLE "practitioner" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "staff_no" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "title" VARCHAR(20) NOT NULL,
    "licence_no" VARCHAR(64) NOT NULL,
    "licence_valid_until" DATE,
    "practice_scope" VARCHAR(200) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "national_id_masked" VARCHAR(32) NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "specialty_id" INT REFERENCES "specialty" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_practitione_status_a12ec4" ON "practitioner" ("status");
CREATE TABLE "case_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "client_key" VARCHAR(64) NOT NULL,
    "external_ref" VARCHAR(128) NOT NULL,
    "content_digest" VARCHAR(64) NOT NULL,
    "procedure_code" VARCHAR(32) NOT NULL,
    "grade" SMALLINT NOT NULL,
    "performed_on" DATE NOT NULL,
    "performed_at" TIMESTAMP,
    "setting" VARCHAR(16) NOT NULL,
    "emergency" INT NOT NULL,
    "mdt_discussed" INT NOT NULL,
    "complication" INT NOT NULL,
    "death" INT NOT NULL,
    "unplanned_reoperation" INT NOT NULL,
    "adverse_event" INT NOT NULL,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "supervisor_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_case_record_client__708867" UNIQUE ("client_key", "external_ref")
);
CREATE INDEX "idx_case_record_practit_739ade" ON "case_record" ("practitioner_id", "performed_on");
CREATE INDEX "idx_case_record_procedu_676919" ON "case_record" ("procedure_code", "performed_on");
CREATE TABLE "emergency_override" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "reason" VARCHAR(1000) NOT NULL,
    "report_due_by" TIMESTAMP NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "reviewed_by" VARCHAR(200),
    "reviewed_at" TIMESTAMP,
    "review_note" VARCHAR(2000),
    "case_record_id" INT NOT NULL UNIQUE REFERENCES "case_record" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_emergency_o_status_acc47b" ON "emergency_override" ("status");
CREATE TABLE "technique" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "suspended_from" VARCHAR(16),
    "approved_on" DATE,
    "first_clinical_use_on" DATE,
    "filing_due_on" DATE,
    "filed_on" DATE,
    "filing_number" VARCHAR(100),
    "ethics_approval_ref" VARCHAR(100),
    "stopped_reason" VARCHAR(1000),
    "lead_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_technique_status_0aaa99" ON "technique" ("status");
CREATE TABLE "privilege" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "scope" VARCHAR(16) NOT NULL,
    "scope_key" VARCHAR(64) NOT NULL,
    "max_grade" SMALLINT,
    "procedure_code" VARCHAR(32),
    "supervised_only" INT NOT NULL,
    "valid_from" DATE,
    "valid_until" DATE,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(1000),
    "requested_by" VARCHAR(200) NOT NULL,
    "endorsed_by" VARCHAR(200),
    "last_evaluated_on" DATE,
    "basis_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "specialty_id" INT REFERENCES "specialty" ("id") ON DELETE RESTRICT,
    "supersedes_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "technique_id" INT REFERENCES "technique" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_privilege_practit_01a560" ON "privilege" ("practitioner_id", "status");
CREATE INDEX "idx_privilege_scope_k_93e906" ON "privilege" ("scope_key", "status");
CREATE INDEX "idx_privilege_status_fbfe71" ON "privilege" ("status", "valid_until");
CREATE TABLE "evaluation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "case_count" INT,
    "complication_count" INT,
    "death_count" INT,
    "unplanned_reoperation_count" INT,
    "adverse_event_count" INT,
    "metrics_source" VARCHAR(16),
    "recommendation" VARCHAR(2000),
    "outcome" VARCHAR(32),
    "decided_by" VARCHAR(200),
    "cycle_id" INT NOT NULL REFERENCES "review_cycle" ("id") ON DELETE RESTRICT,
    "decision_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "privilege_id" INT NOT NULL REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_evaluation_privile_9fadef" UNIQUE ("privilege_id", "cycle_id")
);
CREATE TABLE "procedure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "grade" SMALLINT NOT NULL,
    "day_surgery" INT NOT NULL,
    "catalogue_version" INT NOT NULL,
    "retired_in_version" INT,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "specialty_id" INT NOT NULL REFERENCES "specialty" ("id") ON DELETE RESTRICT,
    "technique_id" INT REFERENCES "technique" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_procedure_code_2f2622" UNIQUE ("code", "catalogue_version")
) /* One version of a catalogue entry. */;
CREATE INDEX "idx_procedure_code_7cee6f" ON "procedure" ("code");
CREATE TABLE "app_user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "roles" JSON NOT NULL,
    "department_ids" JSON NOT NULL,
    "active" INT NOT NULL,
    "failed_logins" INT NOT NULL,
    "locked_until" TIMESTAMP,
    "last_login_at" TIMESTAMP,
    "practitioner_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT
);
CREATE TABLE "session" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE TABLE "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
CREATE TRIGGER "audit_event_no_update" BEFORE UPDATE ON "audit_event"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "audit_event_no_delete" BEFORE DELETE ON "audit_event"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "privilege_no_overlap_insert" BEFORE INSERT ON "privilege"
WHEN NEW."status" = 'ACTIVE'
BEGIN
    SELECT RAISE(ABORT, 'privilege_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "privilege" p
        WHERE p."practitioner_id" = NEW."practitioner_id" AND p."site_id" = NEW."site_id"
          AND p."scope_key" = NEW."scope_key" AND p."status" = 'ACTIVE'
          AND p."valid_from" <= NEW."valid_until" AND NEW."valid_from" <= p."valid_until"
    );
END;
CREATE TRIGGER "privilege_no_overlap_update" BEFORE UPDATE OF "status", "valid_from", "valid_until", "scope_key" ON "privilege"
WHEN NEW."status" = 'ACTIVE'
BEGIN
    SELECT RAISE(ABORT, 'privilege_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "privilege" p
        WHERE p."id" <> NEW."id"
          AND p."practitioner_id" = NEW."practitioner_id" AND p."site_id" = NEW."site_id"
          AND p."scope_key" = NEW."scope_key" AND p."status" = 'ACTIVE'
          AND p."valid_from" <= NEW."valid_until" AND NEW."valid_from" <= p."valid_until"
    );
END;
INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

"""

POSTGRES_UPGRADE = """
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL UNIQUE,
    "secret_hash" VARCHAR(64) NOT NULL,
    "roles" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "last_used_at" TIMESTAMPTZ,
    "created_by" VARCHAR(200) NOT NULL
);
CREATE TABLE "audit_event" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "occurred_at" VARCHAR(32) NOT NULL,
    "actor_type" VARCHAR(16) NOT NULL,
    "actor_id" VARCHAR(64),
    "actor_name" VARCHAR(200) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "entity_type" VARCHAR(32) NOT NULL,
    "entity_id" VARCHAR(64),
    "before_json" TEXT,
    "after_json" TEXT,
    "reason" TEXT,
    "request_id" VARCHAR(64),
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL
);
CREATE INDEX "idx_audit_event_entity__fcd4dc" ON "audit_event" ("entity_type", "entity_id");
CREATE INDEX "idx_audit_event_action_3fd1cc" ON "audit_event" ("action");
CREATE INDEX "idx_audit_event_occurre_eb4795" ON "audit_event" ("occurred_at");
CREATE INDEX "idx_audit_event_actor_i_770e12" ON "audit_event" ("actor_id");
CREATE TABLE "audit_head" (
    "id" INT NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" VARCHAR(64) NOT NULL
);
COMMENT ON TABLE "audit_head" IS 'One row holding the last seq and hash; locking it serialises appends.';
CREATE TABLE "calendar_day" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "day" DATE NOT NULL UNIQUE,
    "kind" VARCHAR(8) NOT NULL,
    "name" VARCHAR(100) NOT NULL
);
COMMENT ON TABLE "calendar_day" IS 'A date that breaks the Monday-Friday rule: a HOLIDAY on a weekday or a WORKDAY';
CREATE TABLE "catalogue_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "number" INT NOT NULL UNIQUE,
    "effective_from" DATE NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "added" INT NOT NULL,
    "removed" INT NOT NULL,
    "changed" INT NOT NULL
);
CREATE TABLE "committee_decision" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "committee" VARCHAR(200) NOT NULL,
    "meeting_on" DATE NOT NULL,
    "outcome" VARCHAR(32) NOT NULL,
    "votes_for" INT NOT NULL,
    "votes_against" INT NOT NULL,
    "votes_abstain" INT NOT NULL,
    "minutes_ref" VARCHAR(200) NOT NULL,
    "signed_by" JSONB NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" INT NOT NULL
);
CREATE INDEX "idx_committee_d_subject_f8bb1a" ON "committee_decision" ("subject_type", "subject_id");
CREATE TABLE "idempotency_record" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "actor_key" VARCHAR(64) NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "operation" VARCHAR(64) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "result_type" VARCHAR(32) NOT NULL,
    "result_id" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_idempotency_actor_k_953130" UNIQUE ("actor_key", "key")
);
CREATE TABLE "site" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "is_default" BOOL NOT NULL,
    "default_validity_months" INT NOT NULL,
    "reevaluation_months" INT NOT NULL,
    "emergency_report_hours" INT NOT NULL
);
CREATE TABLE "department" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "day_surgery_approved" BOOL NOT NULL,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT
);
CREATE TABLE "review_cycle" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "selection" JSONB NOT NULL,
    "site_id" INT REFERENCES "site" ("id") ON DELETE RESTRICT
);
CREATE TABLE "specialty" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL
);
CREATE TABLE "practitioner" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "staff_no" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "title" VARCHAR(20) NOT NULL,
    "licence_no" VARCHAR(64) NOT NULL,
    "licence_valid_until" DATE,
    "practice_scope" VARCHAR(200) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "national_id_masked" VARCHAR(32) NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "specialty_id" INT REFERENCES "specialty" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_practitione_status_a12ec4" ON "practitioner" ("status");
CREATE TABLE "case_record" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "client_key" VARCHAR(64) NOT NULL,
    "external_ref" VARCHAR(128) NOT NULL,
    "content_digest" VARCHAR(64) NOT NULL,
    "procedure_code" VARCHAR(32) NOT NULL,
    "grade" SMALLINT NOT NULL,
    "performed_on" DATE NOT NULL,
    "performed_at" TIMESTAMPTZ,
    "setting" VARCHAR(16) NOT NULL,
    "emergency" BOOL NOT NULL,
    "mdt_discussed" BOOL NOT NULL,
    "complication" BOOL NOT NULL,
    "death" BOOL NOT NULL,
    "unplanned_reoperation" BOOL NOT NULL,
    "adverse_event" BOOL NOT NULL,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "supervisor_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_case_record_client__708867" UNIQUE ("client_key", "external_ref")
);
CREATE INDEX "idx_case_record_practit_739ade" ON "case_record" ("practitioner_id", "performed_on");
CREATE INDEX "idx_case_record_procedu_676919" ON "case_record" ("procedure_code", "performed_on");
CREATE TABLE "emergency_override" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "reason" VARCHAR(1000) NOT NULL,
    "report_due_by" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "reviewed_by" VARCHAR(200),
    "reviewed_at" TIMESTAMPTZ,
    "review_note" VARCHAR(2000),
    "case_record_id" INT NOT NULL UNIQUE REFERENCES "case_record" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_emergency_o_status_acc47b" ON "emergency_override" ("status");
CREATE TABLE "technique" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "suspended_from" VARCHAR(16),
    "approved_on" DATE,
    "first_clinical_use_on" DATE,
    "filing_due_on" DATE,
    "filed_on" DATE,
    "filing_number" VARCHAR(100),
    "ethics_approval_ref" VARCHAR(100),
    "stopped_reason" VARCHAR(1000),
    "lead_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_technique_status_0aaa99" ON "technique" ("status");
CREATE TABLE "privilege" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "scope" VARCHAR(16) NOT NULL,
    "scope_key" VARCHAR(64) NOT NULL,
    "max_grade" SMALLINT,
    "procedure_code" VARCHAR(32),
    "supervised_only" BOOL NOT NULL,
    "valid_from" DATE,
    "valid_until" DATE,
    "status" VARCHAR(16) NOT NULL,
    "status_reason" VARCHAR(1000),
    "requested_by" VARCHAR(200) NOT NULL,
    "endorsed_by" VARCHAR(200),
    "last_evaluated_on" DATE,
    "basis_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "specialty_id" INT REFERENCES "specialty" ("id") ON DELETE RESTRICT,
    "supersedes_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "technique_id" INT REFERENCES "technique" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_privilege_practit_01a560" ON "privilege" ("practitioner_id", "status");
CREATE INDEX "idx_privilege_scope_k_93e906" ON "privilege" ("scope_key", "status");
CREATE INDEX "idx_privilege_status_fbfe71" ON "privilege" ("status", "valid_until");
CREATE TABLE "evaluation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "case_count" INT,
    "complication_count" INT,
    "death_count" INT,
    "unplanned_reoperation_count" INT,
    "adverse_event_count" INT,
    "metrics_source" VARCHAR(16),
    "recommendation" VARCHAR(2000),
    "outcome" VARCHAR(32),
    "decided_by" VARCHAR(200),
    "cycle_id" INT NOT NULL REFERENCES "review_cycle" ("id") ON DELETE RESTRICT,
    "decision_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "privilege_id" INT NOT NULL REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_evaluation_privile_9fadef" UNIQUE ("privilege_id", "cycle_id")
);
CREATE TABLE "procedure" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "grade" SMALLINT NOT NULL,
    "day_surgery" BOOL NOT NULL,
    "catalogue_version" INT NOT NULL,
    "retired_in_version" INT,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "specialty_id" INT NOT NULL REFERENCES "specialty" ("id") ON DELETE RESTRICT,
    "technique_id" INT REFERENCES "technique" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_procedure_code_2f2622" UNIQUE ("code", "catalogue_version")
);
CREATE INDEX "idx_procedure_code_7cee6f" ON "procedure" ("code");
COMMENT ON TABLE "procedure" IS 'One version of a catalogue entry.';
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "roles" JSONB NOT NULL,
    "department_ids" JSONB NOT NULL,
    "active" BOOL NOT NULL,
    "failed_logins" INT NOT NULL,
    "locked_until" TIMESTAMPTZ,
    "last_login_at" TIMESTAMPTZ,
    "practitioner_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT
);
CREATE TABLE "session" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE TABLE "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "audit_event_no_change" BEFORE UPDATE OR DELETE ON "audit_event"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "privilege" ADD CONSTRAINT "privilege_no_overlap" EXCLUDE USING gist (
    "practitioner_id" WITH =, "site_id" WITH =, "scope_key" WITH =,
    daterange("valid_from", "valid_until", '[]') WITH &&
) WHERE ("status" = 'ACTIVE');
INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

"""

TABLES = ['aerich', 'session', 'app_user', 'procedure', 'evaluation', 'privilege', 'technique', 'emergency_override', 'case_record', 'practitioner', 'specialty', 'review_cycle', 'department', 'site', 'idempotency_record', 'committee_decision', 'catalogue_version', 'calendar_day', 'audit_head', 'audit_event', 'api_key']


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_UPGRADE
    return POSTGRES_UPGRADE


async def downgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return "".join(f'DROP TABLE IF EXISTS "{name}";\n' for name in TABLES)
    return "".join(f'DROP TABLE IF EXISTS "{name}" CASCADE;\n' for name in TABLES)


MODELS_STATE = (
    "eJztXWtzozjW/iuUP/VUebo6Tjqdd3drq3Kbmeyk436TzGW3e4pSQLbZYPBIkLRrt//7Sh"
    "gMCIGRDRjw+TI9AR3Aj6Sjcz//GcxdE9v07fnC+hkvB3/R/jNw0Byz/xHuDLUBWizi6/yC"
    "h57sYChaWPpzOOiJegQZHrs8QTbF7JKJqUGshWe5Drvq+LbNL7oGG2g50/iS71h/+lj33C"
    "n2ZpiwG5//YJctx8RfMY3+XDzrEwvbZupbLZO/O7iue8tFcO3G8X4IBvK3PemGa/tzJx68"
    "WHoz11mPthyPX51iBxPkYf54j/j88/nXhT80+kWrL42HrD4xQWPiCfJtL/Fzn/T42kDX78"
    "aP+sP1o64PFAAyXIeDyz6VBr9+yj/h+9HRyYeTs+PTkzM2JPjM9ZUP31avjoFZEQbw3D0O"
    "vgX3kYdWIwKMY1ANgjkSOvKy4F6xO541x3KE05QC0mZI+jb6HxH3COUi4KMLMfLxamsCev"
    "YDzbFjL8MpL8D58ebj9cPj+cdP/HVzSv+0A/zOH6/5nVFwdSlcfXP6Hb/uso202mDrh2i/"
    "3Tz+pPE/tX+N764DeF3qTUnwxnjc478G/JuQ77m6477qyEyszuhqhBobGc+6vzC3nPU0Jc"
    "x6W2Y9wigx7eHXx7P+ggnlaJTnogmKzay0qsk9ajUrjeEM/s1geTlDRA5mNF5Akn1iF7fJ"
    "HH3VbexMvRmfsnfvCqD79fz+8qfz+zdslLD478Jbo9W9NL4LgifWVxWEY4pqMN7vyZ9G+L"
    "QMwCJzSeB7KsJLMTvBPX2G6EwFY4Gsh4v59KQE1KcnuVDzW2moiWtjmgX5Hw/jOznIawLx"
    "gLUMT/uvZlu0Nu47+NvEdwyOoPbkW7ZnOfQtf9/fBzWBXwA2Byh1tkYgv/l4/ruI/+Xt+E"
    "I8NPkDLoTJwF8XFru9heyTpqxA9gnZSVu2QXdFnayES/CL+7yVhJumhFlu8yzbiHq6T7ea"
    "Z5EWZrrNMx1ZG56WKsJKmqo5WWVQ12GZllRGpcTuUYHYPVqJ3dzmNnlOGIj4hSdkPL8iYu"
    "qZO+7IzRubvTUfzcUryEHTADn+I/kviMyQvml51y/Y8QYyI2V8d1hoqOTjdLweWKex8vOA"
    "vcXylqtFxe6Ff1rmgI38PECBJLX6f9cwfEJW/Ca66ZJgaK7Nk+I/s+v9wprmauwhQTXaeh"
    "ssn/83Gh0ffxi9Oz49e3/y4cP7s3drvT17q0iBv7j5kevwqY2w2T6anDQFxiOQ9VBLOh6V"
    "YD3Ho1zOw2+lBfPVdog2Ulmk01Q9BLp6zX/Nd5RhlnpVyoHcMtmobpV/hZeqiTBNBfJKnr"
    "wiIC01aheiLDdq94FdVL+UBQmnLMoCWQ+hrv4IjKVHdaCBN5dd0E944hKs/5vK2MYj/poj"
    "WgtkfUC6yEJw/ftjse11bSC4Hd/9GA0XDbICr554mCgDn6YC3NVxJxgpYh5TAN7b4M1+Nv"
    "UUGXmaqg+4183JFwS/KHswU0Q9FEuqh1kVYQB3A7htsrf+hFHa5pi5OdxsbZ1F4zYZWwdj"
    "B2vEfdVmrm0y2DVvhjXuitEo/lNDjqnxxfNXzXaNZ37b4jeIhWyLYqqxz8COSd8OhJmr7q"
    "lti0/tipm2tgDV/VrA9817GrSBA7vvO7u/ROx3mYhcIWkSQPJ2Ics3woG6icqlAwzONe5F"
    "Z1wZedoTUy2eacChP7rsMcvvfyAW+0cjvo3/oiHtp/HtzdX5PzXXYX+8YvzMb7qE/fHb+P"
    "5ndifD/at9/BfnzRf/zHh3/MU/mRwdaXP0jL/3F+wdy+9iKoZAKw8MSGiAhIZ+hbZDQsMh"
    "zjokNDSe0BAe59ndI8cyHF60ZTqnzRTgxRe8ABjTJZUMfNH4HgrKZyXk5LNcMflMtDi1P7"
    "emIZd5ZZk1rdFBKL7HhkukNqfE3Q0aCMU6iQdWGuL3eWDYFna8KNsZf/UwcZDNXjhZheql"
    "AgAX/M0WfxFeB8hgMnHJnEkVUezfgrgGNn2C2Zo1cXYM6AigI7SDq3dTWgQd4RBnHXSExn"
    "WE9NFYOg8jRdVD8beGqLuk1KEAtUjXQ7CPRmW0DTYqXyYeZTQO9kaPr1HTmmKqFOufpewh"
    "5nXEbogicfkAjoww3T/Aqw8unRIkw/lhjmw79zBcE/XJn3o8+nC6Pgj5H0Vn4MPH89vb7E"
    "GY0t+k8mTO4hXoqjaftTfSTmJAi8FQF8pFWsjfbY8UnlW+KPY8/lsV2HyCpIf8vfq0LjzH"
    "hEFiSCTzC9e1MXJyJMYknYD0EyOsC+r1lWa3zsV4fJvaNRc3YkTvLx8vrhn4AfZskOWtFM"
    "bMGTA3udRHDZ9SLLHTFaKeoQXkFZA33PnCtgwkT/0qBF4kBdwVcDcx8iSxYYWAr2kAaQWk"
    "fWdhI8dh4g3B7oIDpL7Uc58BM6EwE8jkFkEcV5RQmIEMLSCvgLzEtVbShitzyvVIga3MnE"
    "sZ9mrIJigAURmiPmO0LxbNqbCQj6tItxW6LdNgqwA3E7gg5w9ZqH9wCbamzs94GSB+w74M"
    "OYbMmBVGH3wSHtexlfwtWlLR1Xg9EPS6ji2Q8UaGBUMAr/jwPVP2728uHwc567p5pFu2qs"
    "sCndnSZWC2PImNVhngB6vL1sPNyMaHUA6mFUU3SawrustEOmLJTOkX4UPGDn502X/usZ0n"
    "cofzdB09dZx4aD92wzflyDAP2e7Ux7+G/ndpfJgwZlgcJRaO1hMufehd0anTf6hBGNfhBP"
    "RAGNchzjqEcTXfu8KfP8l0plw0YwLIWc+giScTzPSZF6xPiDuXs6Uc31uG8qDjARxXpv0U"
    "pH2E43uX9vG+VNrH+4K0j/fZSonU9YmhhG9M0TuE66lFaZoyR3AuV12Pb+6EetcRnkrwnC"
    "naKmAmKADOjMN8hpypEpwJCoBTaojeUwadO59bnofxFTasXENJZtCw0FISDWfIJ8bXWzmf"
    "+k//ZsLPalkNtfXfhQXxwZAChhRQqcGQArMOhpRWyFXRyamiVqWIehjbXItuNceYh4Mrpl"
    "ukqQ7auOL6Hlt4Sgs1QdLDZVp9itWL62GqT2QxEvnsNUkDmpbIYFfwoCl7gSwtcwOsCTqA"
    "NgdapuWxV6hDG9MBtJnMEMvxOUiKydsCGRhdywgG1Jo6OZ0h8zssp4igy3JKeamiy7Jo3C"
    "ntcRDoQOwoIXYkLGfluXiaCGK51a28CQfwC7L9INRP0uY9igr84ecS8YDrB5WAvyuBgOmU"
    "DuvFsvEU7wjUp+g5PcKpTq/BFV4g4s1zWusm7g6L/ARmehyEUnaJsw3BA3BAtmDwABzirI"
    "MHYA8eALXqVdXWrNrvqVSzXtP+KtDddqmYaKlTn0wxWepM6CPygKvi4g45j4A8d4U8d8jC"
    "rjlRGLIq686qlCdl76zk9zIhu1ZFP5tRKtH3pWmn+Wq/PPcV1P9OscchqP8HpAiC+n+Isw"
    "7q/x7yVBCVoVnU5j2i6KGeevSubMOiwo5FGVWV4IVLPN1kUoPM0V/MrjLEPeRY3eVQ2YOJ"
    "6WGeL9EdCsIG1hR17amMuDf4dH13dXP3o35//evN9W+DZrZX5VWDCX6x8GtO/EwRE0uRbY"
    "V6y/yyDRjc1qipi1wCKVQ7bzMDW02WrprOLpD1clOV3FWF2yqzrxL9ANXsqFlCKG+xe7Kr"
    "dGKysxKVSStpfU03h+zUjJS1wGaXYxlD7G72wjjiTGYoTMWjFVgI0+Mq7se5SAZ7GUvOEs"
    "Q+nGAvBHthOw68blqOwF54iLMO9sLm64O30LYhyU8JjRtdtWoEgpTh+rKGDcXKwJoI6q8X"
    "t91Rh1dKDDDndNlRxlegAmBLNtVRBnrDUwD4DT10lAHPoQagJYnHmL3PoLp6rccsZf/sj3"
    "W4T3gxF+yYOf25ioy9ImX/8K7L3ruHUiatxrn60HteB9BU9gqmqfqHcy1OwcCgqei2SJBA"
    "/LdUgl6VsVSDVaAC+ULWki80xav240uTwaKVhpJR3w6qlW2Jcv4DYCmXaCaXcDLtmCiiUp"
    "2gbau6rK9SXGIlmputXHe7w3sfxElcRk/rKcDJQ74EuMnKzTviK60e3S1mURZk4cgvgbOE"
    "yTbMMToKdf7pVG8PP8WAiBsTzxeux9OdwmgTSVxEdtCwKDzCiocnomGqDpNgj3KJ/owD5Y"
    "v/A0ES+wySSE1HWQ06RdTD/IDTkxIK9OlJrv7Mb6WlZkWA+wvt0eisjHVzdJZv3uT3BEtb"
    "5N9QsrUliXqIdPWLeMJejgk7F2V+kXygBTKAugTUKzFkBZIC1AJZD6Gu3ogcYraFDQPMRA"
    "VBGBB82bMwvLzgy52C8KvTiFJlOCTKkFimI18PWogjoYREt7gQhIQDV4KQ8D7POoSE7yMk"
    "fDJhWKuoI0kaqCS5UROBSpLJCh3lCnQU1ecQ8WVCncyzlw/wmqCHCI/KBQkVxAiJ8NqWgR"
    "0DK/KINFXvmslUbxqKAHtBtmXqvuNZtlysKcZbIN+x6Vw7vX0yzCU951YKH8OEGq6avS1L"
    "2bsFXE83pBbml2Vr55xfPt78et0MzNUHfTuBcwPZOtvmc0SfZVWTi2QLGXXvVncdMclR9x"
    "HVsE6BDszKMi1kgQ0L2d5SsRK1QAaRhhsjDdNddHYMHEq37unYGi4fpSXs4BJxWuuFWQHI"
    "D8lndWstl4VY3Mc7VADnedQ7Vv7erdZPSyFPL09/gcmLRbGpN41XR1aoPO+gwb5xnVxXNl"
    "tQHjZmwTfvCNZj9JyeLiqf7tyi4BdaqjVBV9Cp140cbT2pDzmxL4scyMlhdXqPP6ec1eGh"
    "GKrKbOjnQWCXiCI1UzfW+nTSEPQHuKPBHd2Kzd9RxyS4ow9x1sEd3bwhSNVUvwcLfXPe0s"
    "qNxym5QQliSAtR8OXxx08JkvXmfJgj287lDSnCHlkzj0cfTtesgf9RxBUePp7f3sqy/10D"
    "mz7hZfLUup5mKftXHaR6j0fCSOTyozsDeGFvTgk1tOVUaMu5Ut8mxJ3Lpckc2SJFdcjO/y"
    "3DKCB8otXOfIlD+f76/39hQvz1VTOe5RpksgA1Xb2XV4awf6dafR29uIHa26LzUJqud4ET"
    "tYQFYcd0CVUGWyDr3+quBWwbUU8PW2IEwpfK8SclPuRD8AlRi6oFpSRJeqTCVVjFLePaKI"
    "mshBKiqWRGtLiXetlAqpgCEIX4tEah5YYCdspjRTaboQNws+CugzHUsBXJANoSFRzT2eU7"
    "Bv2Jae0d479lA/8kJ3qZ6EpL1tpSPbDSKiW/dhXbxJkOEat7iliV8uIKEO5hcJyIsHgGlU"
    "A40LwqQPeASpAmldUyXGItdFVyxvW+7GhGSN0hsj1uc7pj2Gi6r2pPTj9J7S9e7VXuQKsN"
    "rY4sU/melttn6wpw7wpU9UYlh4EJA2lUcnRzWByVnBy2KSqZ973Wwgg0zZ1oSDOQh2x36m"
    "MNOx5Zvh0IcG2m+OJ8cc414r5qFtUsR5u4xMD8v4mR4QOo9nl9TQ+vDTWCPYuw5Wc50bXv"
    "NOSYXxz+DG5lZmR4MsFMVXjBwZYeavHfnvvHX9lXERwEzmiMhGAOZfhYqnkzHHwde6SGTJ"
    "N+cZDm4FeNKR1Djbqaa5uYxF/Ijq2lxgMWOcIBHNKCx1EoSeb3QOVjCL5u59nZ0TBcCL4+"
    "xFmH4Os9dNhVi6vcKZqyBJJQBKyX8dbHpcIejgvCHo6zYQ9bhVvvFmrdOpSri7U20VKnPp"
    "liohr3K1BCzK9CzG9WlSh/sElp+7SsK+x0J2qbCjDLicE/moU5rbDLpfKcuL8M5Y4RaG1b"
    "0WohaElLx3YwerIajAcVxrfP+J22rT6IMWk1tAUxJvvy0bdtBYOTvi0Il3TS57s36/SuJD"
    "u1SvwrQiPXfA8LCQbq6way0DikUwx1CM6CAzIbg7PgEGcdnAWNi/1g0K43j2+BieWaOhMy"
    "SQ6bykmSEugO2nYSgoEdifC0EcKQ6qABNJm0qpZCGlMcNHAdqZ4w/nR9N2iESdZQOIFpmo"
    "a8PfQ/HsZ3OSgnicQVahme9l/Ntmhtp/vgbxPfCd6vPfkWj1Glb/lr/17XJBSAzkFKyW4R"
    "2G8+nv8uzsPl7fhCFMr4Ay72nnvaMtNJ3TbARnOfWoZtdalPEHDf6sDoB0zp6jszZrvo1r"
    "DIZEcTg8Ba1yXWNwRr3QHZbcBad4izDta65p307jN29BmiMxWVNE3Vu1a/1Rf+xV8XPOVo"
    "C16Vpuwhr+oub8oeSQS/sJ2xzZGUpqxgmtupofVilnmHHjVTRoICQsU22zJ8WkmtnJJtkN"
    "oGblljRmJRpYwZl+cPl+dX1/uKrnlYhbFn9fPQslSgnEcjQDPv0kYegmZ+QDoaaOaHOOug"
    "mR9Y0m2LtHHIue1aiJJF15+dQbkwSTRNCDmiCjmi4WfrQaMSy1vqc9fxZhIHZS43LnhCc9"
    "x5dNIR9kxw7AZWxzqHusFTcNQRnPEcEwaAsdQJXrjE02euL+uPnAt1/gNgVcsNMWViIJpu"
    "D9+2UzQ3+iHNkxeIeHPMaXaC6mr9oL5Cte6hvSNSKpUGOwlUMulsR6yERLdOOhQaDj9aJ8"
    "fKDJzJzNkCK2dqGJg6m1owYOoEo9cQTJ0w62DqbAcrBVMnmDqbBLcyU+dWCnOyo83OOo5S"
    "D6CuCO6Zqo36PpTCLqK1LvW+M06JkvEd2+t70QfjSj4SfTBV5idfH0xVFgJ9EPRB0Adbqh"
    "mAPniIsw76IOiDoA+CPlgu9MVgaExdWXX0guWboOkhztUv4jbWUMkwicGn+/Gn8cP11aAR"
    "lGsoo+LTBXZ4+zd5oe4CtDOUW6HeMlW8bryZikjcFwaaWl0lgeyQq3lPLEI93bAtxzKQrf"
    "tUtUZV7gMOG1Wbd8xUr/iVITxwFJW3dpLmwLHjC8nx50+yxMD8gyhD2MNzqJQUe1QgxR5l"
    "pVjszSyD6qujhTFCgicqsOeQA/ilwKeeu1iwfU8wojJ+USTlipS9hLwk5oWgZ1C3MTLVkr"
    "oTFFCfbmNON0crC+4WveH76PscCqndiaW1Q506cJ+2133aFZzq9J4G9RkkjtOobkO+z5Td"
    "0aMiEeAy7dQRMQSX6QE5z8BleoizDi7Txl2m/DRU9e0laXrnOq2+ht8CUfrqMqFHtVpihr"
    "CHTr7R+/dlnKnv3+c7U/k9Icfalea45RfxXxO0o4A/f19vCvjHyaxMM1WalSwlTE/l04OC"
    "lr4SBbao3kZM1GCtjehM6GypjQkK/DK2O7VkHQByBZgMXXNizLuOiDG2a/AqqL7jWbaqNi"
    "DSQhHV9oj/Wa3PRtRbbYUtFL8MMcx1m+c6mfuk5mORUIKvZaOvZSE4ScDnUsLnIllqO/he"
    "wkYzO3oUEj1tOqYd7sWhcI6JZcwGEpdCeGdY6FSIx4BLoUuccFjgUsg1M+aba/LtjGCoyT"
    "HU8E2lgHA4vIfo1hIQxN7ohaW/yppcEiTN21r2IxVXZlVRSO+v/jD79j+yi4Ic"
)
