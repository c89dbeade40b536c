"""The audit log divided by institution (issue 16): `audit_event_institution (seq,
institution_id)` says which institutions each event belongs to, beside the hash chain
(nothing of it is hashed: no event's hash, its canonical JSON or the verification
changes). The application writes it in the transaction of each append
(domain/audit_scope.py, the one place for the rule); it is append-only like the events
(triggers refuse UPDATE, DELETE and, on PostgreSQL, TRUNCATE). The unique index
(institution_id, seq) makes a scoped page one index range in seq order.

Backfill: every existing event gets the scope the rule gives it, computed from the data
as it stands when this migration runs (today's relations: a privilege's campus and its
institution now, a practitioner's department and registrations now, a user's or API
key's bound institutions now), not from the snapshot of the moment it was written:
migrations do not parse the log's history, and the relations the rule reads seldom
change (a campus moves between institutions only without privileges). The rule below
is a frozen copy, in SQL, of `domain.audit_scope.RULES` as it stood when this migration
was written (migrations never import the domain); tests/test_migration_audit_scope.py
checks that both agree on the demo group. Events of a type with no rule here
(catalogue, calendars, the group, webhooks, unbound users) stay group-level: visible
only to actors not bound to institutions.

The least-privilege application role is granted separately by the owner: re-run
`credreg db grant-app-role ROLE` after this migration, which grants INSERT and SELECT
only on the new table (api/db.py AUDIT_TABLES)."""

from __future__ import annotations

import re

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_TABLE = """
CREATE TABLE IF NOT EXISTS "audit_event_institution" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" BIGINT NOT NULL,
    "institution_id" INT NOT NULL,
    CONSTRAINT "uid_audit_event_institu_5e1d2a" UNIQUE ("institution_id", "seq")
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_seq_7b3c90" ON "audit_event_institution" ("seq");
CREATE TRIGGER "audit_event_institution_no_update" BEFORE UPDATE ON "audit_event_institution"
BEGIN SELECT RAISE(ABORT, 'audit scopes are append-only'); END;
CREATE TRIGGER "audit_event_institution_no_delete" BEFORE DELETE ON "audit_event_institution"
BEGIN SELECT RAISE(ABORT, 'audit scopes are append-only'); END;
"""

POSTGRES_TABLE = """
CREATE TABLE IF NOT EXISTS "audit_event_institution" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "institution_id" INT NOT NULL,
    CONSTRAINT "uid_audit_event_institu_5e1d2a" UNIQUE ("institution_id", "seq")
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_seq_7b3c90" ON "audit_event_institution" ("seq");
COMMENT ON TABLE "audit_event_institution" IS 'Which institutions an audit event belongs to (issue 16): beside the hash chain, append-only.';
CREATE OR REPLACE FUNCTION "audit_event_institution_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit scopes are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "audit_event_institution_no_change" BEFORE UPDATE OR DELETE
ON "audit_event_institution"
FOR EACH ROW EXECUTE FUNCTION "audit_event_institution_append_only"();
CREATE TRIGGER "audit_event_institution_no_truncate" BEFORE TRUNCATE ON "audit_event_institution"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_institution_append_only"();
"""


def _ids(sqlite: bool, column: str) -> tuple[str, str]:
    """(join, value): the elements of a JSON list of institution ids in `column`."""
    if sqlite:
        return f", json_each({column}) j", "CAST(j.value AS INT)"
    return f" CROSS JOIN LATERAL jsonb_array_elements_text({column}) j(value)", (
        "CAST(j.value AS INT)"
    )


_BY_ENTITY = re.compile(
    r"^SELECT (?P<cols>.+?) FROM audit_event e JOIN (?P<src>\(.*\)|\w+) (?P<alias>\w) ON "
    r"(?P<key>e\.entity_id = CAST\((?P=alias)\.\w+ AS TEXT\))(?P<rest>.*?) WHERE (?P<cond>.*)$",
    re.S,
)


def _driven(part: str) -> str:
    """Read the related table first and find its events through the audit log's
    (entity_type, entity_id) index: `X CROSS JOIN audit_event` fixes that order on SQLite,
    whose planner otherwise may scan X once per event (committee decisions: 99,412 x
    99,412 rows at group scale). PostgreSQL plans the same query freely."""
    found = _BY_ENTITY.match(part)
    if found is None:
        return part
    return (
        f"SELECT {found['cols']} FROM {found['src']} {found['alias']} CROSS JOIN audit_event e"
        f"{found['rest']} WHERE {found['key']} AND {found['cond']}"
    )


def scope_query(sqlite: bool) -> str:
    """SELECT seq, institution_id for every existing event the rule scopes (today's
    relations); used by the backfill and by the test comparing it with the domain."""
    key = "e.entity_id = CAST({id} AS TEXT)"
    home = (
        "SELECT p.id AS pid, s.institution_id AS iid FROM practitioner p "
        "JOIN department d ON d.id = p.department_id JOIN site s ON s.id = d.site_id "
        "UNION SELECT practitioner_id, institution_id FROM practice_registration"
    )
    user_join, user_value = _ids(sqlite, "u.institution_ids")
    key_join, key_value = _ids(sqlite, "k.institution_ids")
    export_code = (
        "json_extract(e.after_json, '$.institution')"
        if sqlite
        else "(CAST(e.after_json AS jsonb) ->> 'institution')"
    )
    not_group_admin = "CAST({t}.roles AS TEXT) NOT LIKE '%\"GROUP_ADMIN\"%'"
    parts = [
        # The organisation.
        "SELECT e.seq AS seq, i.id AS institution_id FROM audit_event e JOIN institution i ON "
        + key.format(id="i.id")
        + " WHERE e.entity_type = 'Institution'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN site s ON "
        + key.format(id="s.id")
        + " WHERE e.entity_type = 'Site'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN department d ON "
        + key.format(id="d.id")
        + " JOIN site s ON s.id = d.site_id WHERE e.entity_type = 'Department'",
        # People.
        f"SELECT e.seq, h.iid FROM audit_event e JOIN ({home}) h ON "
        + key.format(id="h.pid")
        + " WHERE e.entity_type = 'Practitioner'",
        "SELECT e.seq, r.institution_id FROM audit_event e JOIN practice_registration r ON "
        + key.format(id="r.id")
        + " WHERE e.entity_type = 'PracticeRegistration'",
        "SELECT e.seq, h.iid FROM audit_event e JOIN practice_registration r ON "
        + key.format(id="r.id")
        + f" JOIN ({home}) h ON h.pid = r.practitioner_id"
        " WHERE e.entity_type = 'PracticeRegistration'",
        # Techniques.
        "SELECT e.seq, COALESCE(t.institution_id, (SELECT MIN(i.id) FROM institution i "
        "WHERE i.is_default = TRUE)) FROM audit_event e JOIN technique t ON "
        + key.format(id="t.id")
        + " WHERE e.entity_type = 'Technique'",
        "SELECT e.seq, a.institution_id FROM audit_event e JOIN technique_admission a ON "
        + key.format(id="a.id")
        + " WHERE e.entity_type = 'TechniqueAdmission'",
        # Privileges and what hangs from them.
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN privilege p ON "
        + key.format(id="p.id")
        + " JOIN site s ON s.id = p.site_id WHERE e.entity_type = 'Privilege'",
        "SELECT e.seq, c.institution_id FROM audit_event e JOIN committee_decision c ON "
        + key.format(id="c.id")
        + " WHERE e.entity_type = 'CommitteeDecision'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN evaluation v ON "
        + key.format(id="v.id")
        + " JOIN privilege p ON p.id = v.privilege_id JOIN site s ON s.id = p.site_id"
        " WHERE e.entity_type = 'Evaluation'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN review_cycle c ON "
        + key.format(id="c.id")
        + " JOIN site s ON s.id = c.site_id WHERE e.entity_type = 'ReviewCycle'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN evaluation v ON "
        "e.entity_id = CAST(v.cycle_id AS TEXT) JOIN privilege p ON p.id = v.privilege_id "
        "JOIN site s ON s.id = p.site_id WHERE e.entity_type = 'ReviewCycle' "
        "AND e.action = 'evaluation.create_many'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN adjustment_proposal a ON "
        + key.format(id="a.id")
        + " JOIN privilege p ON p.id = a.privilege_id JOIN site s ON s.id = p.site_id"
        " WHERE e.entity_type = 'AdjustmentProposal'",
        f"SELECT e.seq, h.iid FROM audit_event e JOIN adjustment_proposal a ON "
        + key.format(id="a.id")
        + f" JOIN ({home}) h ON h.pid = a.practitioner_id"
        " WHERE e.entity_type = 'AdjustmentProposal' AND a.privilege_id IS NULL",
        # Cases and bookings.
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN case_record c ON "
        + key.format(id="c.id")
        + " JOIN site s ON s.id = c.site_id WHERE e.entity_type = 'CaseRecord'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN emergency_override o ON "
        + key.format(id="o.id")
        + " JOIN case_record c ON c.id = o.case_record_id JOIN site s ON s.id = c.site_id"
        " WHERE e.entity_type = 'EmergencyOverride'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN booking b ON "
        + key.format(id="b.id")
        + " JOIN site s ON s.id = b.site_id WHERE e.entity_type = 'Booking'",
        "SELECT e.seq, s.institution_id FROM audit_event e JOIN booking_impact m ON "
        + key.format(id="m.id")
        + " JOIN booking b ON b.id = m.booking_id JOIN site s ON s.id = b.site_id"
        " WHERE e.entity_type = 'BookingImpact'",
        # Access: bound users and keys; logins follow the user.
        "SELECT e.seq, "
        + user_value
        + " FROM audit_event e JOIN app_user u ON "
        + key.format(id="u.id")
        + user_join
        + " WHERE e.entity_type = 'User'",
        "SELECT e.seq, "
        + user_value
        + " FROM audit_event e JOIN session x ON "
        + key.format(id="x.id")
        + " JOIN app_user u ON u.id = x.user_id"
        + user_join
        + " WHERE e.entity_type = 'Session'",
        "SELECT e.seq, "
        + key_value
        + " FROM audit_event e JOIN api_key k ON "
        + key.format(id="k.id")
        + key_join
        + " WHERE e.entity_type = 'ApiKey'",
        # What a bound actor did: exports (and the institution one asked for), refusals.
        "SELECT e.seq, "
        + user_value
        + " FROM audit_event e JOIN app_user u ON e.actor_type = 'user' AND "
        "e.actor_id = CAST(u.id AS TEXT)"
        + user_join
        + " WHERE e.entity_type IN ('Export', 'Operation') AND "
        + not_group_admin.format(t="u"),
        "SELECT e.seq, "
        + key_value
        + " FROM audit_event e JOIN api_key k ON e.actor_type = 'api_key' AND "
        "e.actor_id = CAST(k.id AS TEXT)"
        + key_join
        + " WHERE e.entity_type IN ('Export', 'Operation') AND "
        + not_group_admin.format(t="k"),
        "SELECT e.seq, i.id FROM audit_event e JOIN institution i ON i.code = "
        + export_code
        + " WHERE e.entity_type = 'Export'",
    ]
    union = "\nUNION ".join(_driven(part) for part in parts)
    return (
        f"SELECT seq, institution_id FROM (\n{union}\n) AS scoped "
        "WHERE institution_id IS NOT NULL"
    )


def backfill(sqlite: bool) -> str:
    return (
        'INSERT INTO "audit_event_institution" ("seq", "institution_id")\n'
        + scope_query(sqlite)
        + "\nORDER BY seq, institution_id;\n"
    )


async def upgrade(db: BaseDBAsyncClient) -> str:
    sqlite = db.capabilities.dialect == "sqlite"
    return (SQLITE_TABLE if sqlite else POSTGRES_TABLE) + backfill(sqlite)


async def downgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return """
DROP TRIGGER IF EXISTS "audit_event_institution_no_update";
DROP TRIGGER IF EXISTS "audit_event_institution_no_delete";
DROP TABLE IF EXISTS "audit_event_institution";
"""
    return """
DROP TABLE IF EXISTS "audit_event_institution";
DROP FUNCTION IF EXISTS "audit_event_institution_append_only"();
"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/bPOjJr1O266d2cc2029m9i+ttvs3rjD0iQkoaYIlSDtaHb73S/Al/"
    "gAKUIiZZI6MzvbmMQBqR/Ag/M+/xlMqYkt9vbU/N1j7hTb7o1DZ5Tp1uA9+s/A1qeY/6Nk"
    "1BAN9NlsMUZccPVHyyfT4/HaLEnwyFxHN1w+ZKRbDPNLJmaGQ2YuobYgPLUR9VyDTjFyJ7"
    "qLDIcyhk2kI0Zc/N2MWsSY81sOZhNqmUMUTM9HuBRNsUkM3UL6aKQTh70VjzSpwZ9J7HHt"
    "sz/YV/gZO4ijYBE+5HGOiMuwNXrP5+PPmBLXxZiTTR/5KMoH2kg3p8QmAgRXXDAMPHOZuG"
    "cSNiX8XRifw39vzyZ/eFhz6Ri7E+zwt//6dcC8x9+x4WpPeO7D7ZDxmN/j/3Q8W+MI/vor"
    "/zexTfwNs5DE1V3PXxxiDvjdr4OZWAEiAMeOxi/yW+Egn3r2pI0ItszUNgiG+dc1dz7zr1"
    "3a7o/+QIHyo2ZQy5vai8GzuTuhdjya2K64Osb8qbqLxfSu44kdYHuWFe6baFMEP34xJPhF"
    "CRoTj3TPEvtIUAcvsLg20LSr63vt7uJe0wa5PRZRJDZGeMmgtlga/qrM//Vj8Qrf7e8dvj"
    "s8OTg+POFD/NeMr7z7M3j0ApiA0Ifn6n7wp39fd/VghL8kC1ANBwskNN3Ng3vO77hkiuUI"
    "pykzSJsh6dvoH1ncI5TLgI8uLJBffLCbgJ7/QPPatubhkpfgfH/5+eLu/vTzjXjclLE/LB"
    "+/0/sLcWffvzrPXN05fiOuU/4lBPwqngR9ubz/CYk/0f9dX1348FLmjh3/iYtx9/83EO+k"
    "ey7VbPqi6WZid0ZXI9T4yMWqezNzxVVPU8Kqd2nV+UHBBBrVuWiCYjkrrWtx91rNShdwZg"
    "7CNKRnE92RY5ohy+DKX7iLH81U/6ZZ2B67E/7n8WEJjr+c3p79dHq7c3yY+RCuwjv7/q00"
    "1AkhoyrMCZIeQnywXwHig/1CiMWtNMSRlKkJwUzGJIqhlpD2EPK94wqQ72XZ+wJycSsNOX"
    "4mJrYNrBk6w1wKZnnQ/3F3fSUHXUqcPY+J4aL/IosL+03BP/jbyLP9ZUePHrFcYrO34nl/"
    "HzS0KCWLIMBKHcUR+DufT/+VXZezT9cfsmesmOBD0SKZZIyZRF4q/i4kpD38Lurn9iPOR5"
    "S+hZigHftfPLY3+z9U6qVqgnw1FhRl6kEH930J9EK8z4qHsdGjsmQYU2yOTQxuLq7OL68+"
    "NrVdmz5DTWxwJmtqj0oyeJpqJbRDhastezON8/7ubgWg+ahCpP17cqjVjQZpyhqMBi0Dvy"
    "M2ggiTUiOBWCuh82sO1pmaHiAh7d+ntbdb6dsSw4rZ2G7+6wot+CuoX3nKHqLeyMHhb1Yl"
    "t0KGaiWjWNuArtksJnHtVARXQrk5q2OnECbPxMJjrApvmgw2bx5afpB6QokbayuCXDwBwB"
    "3ALfy7oyepMzKGLA/4j9TBZGz/E8993C/5a+m2gSXAhtECN8m5uoXyn9Gmiq4uXtHRX2LP"
    "eO6D5iDwn45dH4ZbLgneXp7dDwqZcy0gp6frGGOuDnTuYKqAdSQr1IDzWRTJcZ6Ys5+bOi"
    "NhVcBZwnKBf1SBuvisKkBdsO5H3Xh60R1TS/FwcYfu08yVeGz+1nR/mr2i2/rYB0v8KvEb"
    "orivGeHLNpBFhAV3hqVRYDMSuVqXRn4VIyyJhMpEOUHYEoQtteLr73EAC4QtbeOqQ9hSDa"
    "x0Aaf/3xyWxebFaHwPXdd7VU25ZZbcfCANHpFvKggvKOrB+HVP/obttgzzE9zVJjqbKPlW"
    "02Q93Mz1x2E41MJKcRgxQTviMPoVh/RtRvjtFWSfNCV4X9vsfXXwM31aScJNU8Iqt3mVLZ"
    "25msdWWucsLax0m1c6sjaohSelqTYYDNbUYbmB6CR+4LvE9dzAdKwktkhIQYCpRYDJ+fpe"
    "yYLsmcQ9m2DjaUYDc3jelJwZMiy1KYvBmpEevTytGDEytrGJRJwnFnnJiI6QO8HImPBV+Q"
    "tDE6ybaIfhP5Bum0joKm/ei9RebJvfUdua8w34hH0K/MzJZcnF9T/jwX6wf3O5bGH/hggL"
    "0opn/Ieif3y5QzsX5v7R0d73Q2TSKX/AX8Xj+bu8nc3fICoyk8VMyaf9IGYQ7/JgO/jFEV"
    "4tG40cOkVMpET7eKIdB38nBmPzjUhMNjwXsQl1XGRTZFF7zOed6i5fgLJU5XwaMv4D0os3"
    "a6cXkOdQ/UDGhcCGBH2K+/l+f//g4N3+7sHxydHhu3dHJ7sxyvlbZXB/uPwoEE+x37x9T9"
    "UyAiYRBZPIk4xLFGP7JOUTAK00x1McMXlw7/G3AlYRE/QC3jKt5+Jf9+XiWKz0fLq++hgN"
    "z8pof0o1E5kGulwzkeqe3QS+6cRaLgQRPpmEb3yg1MK6XejDiskyOD9yuqaAjq9sdot/uL"
    "7+lNriHy6ze/jnzx8ubnf2fOT5IOIWnH/qeQtrpiuspu4Js8Fm1O16fDBtUuUuhGYyKNLi"
    "grvD5Qocjgc2GRj0dcCfQtx5sKv4vfDPqBRSmLbh/5sahuc4AX+NblI/5LBYb3ldEbsN2s"
    "tGBOxiHSe5aApcJ0MGZ2mFszT4HKIPqXKCVIqqh0DX72WP+Y4yzGtoPC3zQzSt8AR4qYbj"
    "pKnAN1DFN7BCTmWfK9nUv5UzEk5VlDNkPYS6/iNwIT2qAw28ueqGfsQj6mDtd6kmWWySyp"
    "D1AelN26X0kYsdZeDTVIC7Ou5FZpNizPtV5WHzePOfzVxFRp6m6gPuTXPymYOflaOFU0Q9"
    "FEvqhxm8jjWD2zp76+UiSmpQanpNDhxWtMJqJEO0NJrmy4QYE5QgY35tezFlELmCHrEIFW"
    "GibP4OYczDaO/4hyhOJXg2M+gMi1iVfCRNzfOLKJovYbQLsf2oGP4DbRYomlGQThCHMxQN"
    "AhgxgzAc8aUEETNox6buhL8fmmAHI8Ie7CBIZogYReJZ4p7tNwTgBPYY++/sv62I/BETUU"
    "c0CECBd8nQxcPfvEWn4Sg01ecPdvDDxO9iYi7dSsEwFHPweza1MdoZO9SbfWfxcdZ79EwY"
    "4WuL/DgiPsS3VTA+0uWTUs/2Wxgk5xKPLg49QjthEV8m8JmSseO/L9rbF3j+lg7bC4OTZp"
    "YAin+YmNMNxaP5xVGQ/I2e8Py9v4r+M9HUY64/wqLG04OdmA859IX/UBGzlN4BHPYA3yA9"
    "2ixuk5B+O99pFYUfrRmUVGbb71lc0itb9iF6aePRS/nPpmpEXo6wT6tQb8WdVxQlfsJ6ms"
    "PlblYQGSbRuKVSwjU/ozgvR6KTjjgcxeEiMigyIaniABC3ibjhEN0iogtOcExIomxrm7Vt"
    "ZSW64vGFeNX+cHzQHPupOX6g9Cn46TlmH90qZfWPiUG1xud8HRgWETpnWBYIf3OxY+uW5u"
    "CRRECXtSozuNLlWdjUosAd5s2ww9UfWjIkeWUI/c5eh8FD4aBi6PtbQgYKB23jqkPhoBpY"
    "aYJ1pk7NyhkDKSoQ2qpE0yQFEgWos3Q9BHtv/6RKqOP+SXGso7iX2djUdsUeVe/wlKfsIe"
    "YNRD4yRkT9VbUuT2kqyNAvD0lYocTQzKEGV1EczEE3lQL58pQ9/A7qj+XLqoR5wbTA6JSh"
    "2+4+WzEYnDk4ygK+hBxK6rS5pA7DrhvahaqypwRJD/lSA41Jp9jhkBgSQb80ZzVFB0mrCk"
    "mrU9NVlfYTJP2LA2xEzu9IR8a7s58uzn/+dHHelFzZNPswRGcFy1rNypqhhbO4zWexbln0"
    "Rbm0QYJqg4fE6yxpjWdE3BlFNTkiR9gLIWjTAftRE1PlEIEMIYQKrBwq4Le6d7BBHVMtOC"
    "xPCN3YoHPj5hFmnLmrIZugAERliGYDL6rimqUDhlChPSM0D9xU88DF/tw80i3b1VWBzn3S"
    "VWAmbh3NAu9Ilw3ty5FdHEIVME0IWzVAe8Znu40n6+fOzYunyg0YE2GDfnVmiZnrQ0j44z"
    "9vsaUX1DdJR2he+nP1aGf/uYGI1xC04rjXBapLo181shhbocB4kPUnsuV0NPJcz8EonOgv"
    "DEVmAGToon8EepwjkcLnp1TwPwPa9/41kdwwC86KTHnxmp/wYO+E5MPw9pshevFTL0VSRb"
    "Cd0GIZ0RPGM4bwNw6EJWY3cHEKXoyh/0kF02sFWXixobe01h6E5EJILgRnQkgurDqE5LbB"
    "+pE40/LiXolJOk3XJ8PSpi3SAZDqBQZzhL3wyTQdOEr5NKv5HDOU4Hes7ne08cuKoGcoAf"
    "TqoIv9urLDV0rcCwazaaev2MErL4OUGJZhhWXoSOTW9c3F1WAjR2sTFb+fuNBuYXOs3K5S"
    "Qtq/iMSGClMnkFPXhCXkEC/X5ni5tEWyogacJuqTstaUozpROmJN71OiUkXHIK7qe0rvLm"
    "W/0wb8KV9Ep89BsTsluD+s4k15iYdWrRz1flHcKaj9KEo8vUwowwiPRthwkUgHDKb3Syyi"
    "R4xtFDjzsPkWfQqKQOVcKTXP/2ATUb3xCTOEdWMS+Wn8xDwmfDFJlwmacJXs2W+ias/RC3"
    "WeRI1FHxwoS9VGF4nf9F3Zypek6tOxsQEbX0tqKJ3pXP40dedcn8sYYPJ2Kf8zwoGaGY6s"
    "4EsWEiNnTrqLHh2sPzGfUX2mfJr5dz86hP8HOZ6F3yMd/XT96fL89N+CVenoBeMncZM6/I"
    "8v17f/5HckjuQ6p3+wdx68E2P34ME7HO3t+XzwO2/GnyG6UEdUHIFWcjfw/4L/d/s8geD/"
    "3cZVB/9vDaw0kZOkSwx1xXUjwuF1l4t41dNJrVgEV5UUG7jbfe3gXiXBuji9OpdcrdrHsL"
    "cdDPcqGYr3SgzFe4GhuGU6yL+x7gxKlBD/fjUtZB4NraCGiLGhQWRCLaEXML/EdpHAHzRp"
    "EHZxO7Ct3LlC0zijnm0Q6y9+NwoSmPwyGklDT3qw2YTMZthEL8QNwlpnDjU9w0U71z/+eH"
    "l2efrpTaDO8IdbOHgPbLvYCUJo/SYglM2Iq1to59P1GR//9sE+RSNiifLiJpcW+D9Cbcrx"
    "bCb6X1A+X/CL+FOpJ9pgiJhbwsTTn32fpG6BPgT6UKdOsP5KxqAPbeOqgz5UAytdwBkJFh"
    "WxjIaDByIff+aQMVGKaF1QgLK0TFli1HMMLnIR11JSmrJ0vVOeGomy4S/hTUWZXtubPspS"
    "14sBl5D2DvPaFNZULRHv0SKiN6FiadMs3Zq2qu7EMoXGqtYo/XHWtVTlT+Zklyn8qUzwtr"
    "VxmWFnRJ1pokeLpI5xbgzXpTU60mYOeSYWHheMSl0R+9TRwwkl7WQSNV5yL5CqqZkoZCrK"
    "P4ovwfJvGHQ6s8J+nsH+1N1JoNzPLN22+Xs4mM6wE4+Q/oxwaDAwrqPgYmMS4B++ryiUGy"
    "sc2DaDf4cI5n/eYjhk1oIloR2cuMc6JVgStnHVwZJQAyuFZjfQ7KY9YEOzmz5scOiqsuGu"
    "KrGqlcb5bqpbVuFhuNDPehQofbD/7jg+CMUfZWfg3efTT58kRWEzimxlQ06Gbqt71CzAUB"
    "fKs7SQ4dfmDD/oTgPdaTJQx1c6W4xC2BpNwgxPZJIpop6jBeQVkM/adRWAz5IC7kq9NkL7"
    "uQLgMQ0grYB0oYNCAfnCOWAlFFZCN4VFEGv4GdsSKbW8pU+WFpBXKfYk8cUpgC915QH+q+"
    "PP2YjO+IuoSPFlc/QuZOSoUsjIUUnIyFE+ZCTtVlZRkdOUoCC3WUGOwwUU1zhJByvc5hVO"
    "aXwrrLSMHla87Ss+4yyYGGSm27LeE6LdfPFqZ2mzq00MF/0XWYQ1Zosf/G3k2X4tXvToEc"
    "slNnsrnvf3ps7TkuUXWKVWPldBMVssMbOkYoJsBUXxeOG8WyEUKEUJH2KbP0RRE8pZiemm"
    "KWGV27zK6dBPRVvsghBUxBXNVLo5Jcwv6nuwp2oOL50HVmRVc5W2ktO/YIoetYKsJQJAHh"
    "VeMcqwgLpHGEP/3c4gDP13of9uh8DNJt5UxDZLBtBCa+NGakdDa2NobdzxLazW2jgrzMIG"
    "rsop5FpABcjjw6wGrO+Tc/UT6OzZv0Yj6ajqvMTCod5Juj+Iq7WQloStavQZOw6RmSsiYK"
    "9tfE/5/y2H9yKa9ToxaY+AVqpZ4OoWHXv4lzCxUVq5IDNmWF6/IBytJXIl661iAJX2ID++"
    "jfJTjzOlIT9+G1cd8uNrYKWJcs8FpbQK0SwsoAXV9rhs6Ld6Is9YGzl0KmdLBWFxOcqtTr"
    "S0qczoUVKFPBwPEbqVInT98oMq+C4oeodwMw1BTVOWYVfiwTalWXUNnlC7HeGpDp5yRVsF"
    "zAQFwJnLRPQbCqrAmaAAONvUVI5Op8R1MT4Pe5MPZIaS3KBhqaUkGh43PG/cVPJ1wLzH37"
    "nwE2yrIYr/JiYUGgRDSkvk1x6r1GBI2cZVB0NKvXJVdHKqqFUpoh4WjWlEt5piLOrsKNax"
    "SlNttXGFei7feEobNUHSw21af+26Z+pipo1kkSXF7DVJA5pWlsEG8Ohj/gBZvcslsCboAN"
    "oCaLmWp8t6xSyDdkEH0OZKbhHbEyApVsXNkIHRtYpgwMhYxKY9StLpivOWU0SQsJxSXupI"
    "WM4adyp7HDJ0IHZUEDsSlrPqXDxNBNkxEi4uRAfieuI11LDNE0ISx9IkjgRoeaiVg4Uv07"
    "N1C+mq4cL5fbZGwLBu/u4x12+XNnMoZ/C6tWbw8Gk84004YX+WIh0A8qxbng/GmohdxBP1"
    "FKm4wNqaQN0kq+X1BKcmvYbnWFTpEZ/iQOIuTNwdlvkJzfQ4CKXu0tE7BA8g+ILAA7j1qw"
    "4ewBpYadIDqNYWqN5mQK97KjVs1/D/qwBtNL6HRqNmOmvrc415zhg7c40LfY484LK8an7B"
    "FFALS6EWFtS1adi0BMUU6immUMWMlKwqsraS38s6LI0q+vmMcom+L007L1b75bnvoP53ij"
    "0OQf0HRRDU/61fdVD/a2ClyTw10SdGRUtdUPRQT93braSoimHFPSN386qqg2fUcTWTSw2y"
    "QJ9ydpUj7iHH6giHijAp78Lq6q6n1L5pQdHUN5UT9wY3F1fnl1cftduLXy4vvgw283nV3o"
    "7Vwc8EvxTEz5UxsRTZSqi3zC+7AYNbjJq6yJUhhRYPbWZgwWJpquUsMmS9/KgqflWln1Xu"
    "uzJ0Jjr2GdQx1eyoeUIob7N+srt0YfKrEpVJrGh9PeNz3cZTdWpFqlpg89uxiiF2PXvhIu"
    "JMZihMxaOVWAjT42q1DH4dpFqjGnPBEn4FeyHYC9uoh/XYcgT2wm1cdbAX1sBK223bkOSn"
    "hcaNrlo1fEHKoJ6tkjKcJoKMHWm1i5lFDF/QU4dXSgww52E2uYw0UcY3QwXAlreBDHpZrL"
    "KRl8wCwC/r9qgKeAE1AJ0HmnquRkdarDErY108AcAtqfOA+fMMpqmX1s1T9s/c24S3StTO"
    "wrYZ25qq29azlP3Duynz+itUjmo1zvVnOoiyq6ayEzZN1T+cG/HB+vZjRS9RggTC7aUKS1"
    "A1WA3WDBXIF7Ke0pEYpthQOk0Gm1Yaucc8yy8OuSLKxRPAVq7Qsjfh01szL0elGETbdnVV"
    "13B2i1XovRl4SteH99YPSzmLZuspwMlDvgK4yUL5a+IrLdbfLWZRFeTMkV8BZwmT3TDH6C"
    "jUxaeTcnJfk/lqP1E2I65ufXSoNxtIQlDSA4ZlUSiTcKg2jscui0QZnKIH7+jg4PHBO9k9"
    "OnzwDkdHB3+NLh3tvdsLLr1HiVpbDL1QR7TFRVGcCvL4ZnCQjiysm8mhbweZRd3IAyG/Du"
    "JlOnI89zhyAuJltnHVIV6mBlYK5XWgvM4mwW3E0swFNokwVYxvNH6DYV6fL84vz04/aaef"
    "Pl2eXp1dDDq0lRVSFKRFhtcsTtLLAsONlia5NPF0Rl1RSCTM45Coe/lBwzKVjyyGJ/JM6k"
    "5A4FNRR3vCvp9N/AfSD15TnUotR1XumiLq4RF2fFiBqR4fFjJVcStzfqkB3F9o9/ZPqgSy"
    "7J8UR7KIe5mgiihyUAXjFFEPka5/E4/4w7Ezc4gsCq4Y6AwZQF0B6sDiHICkAHWGrIdQ16"
    "+6hZit4K6GiIBlEQHa79KCPvf4Wzmwv69T1aed+oHUHnfxr/uUKS7XLio2x326vvoYDc/2"
    "kMpYecBAviWm0rUKC9Soiya0d5kWmlbuS/TPzEAFf+O7o+/fPXjH7w508f8nh+iFuBNEXI"
    "boi81HHe8f8/uHeI/fP3l8PBF0eCT+bexxfLEx8Xco0s0pYcKAjHTbRCNi8d00RHGPYSYu"
    "l3ghN/kaD7aoMYtm1CLGHD1ii/ouTf60H/wnGvp05jE+dkeMY28QsbkOTlzEVfGQCvybLV"
    "TIgX1vC/sG/+a2rzr4N2tgpeDfBP/mJsFtxL/JxTFsG5hzChWU01S9a3Fdv1nNws/YUkI4"
    "ItgguD9ffbw9Pb843wzI9SeWEha/cw7p0gY4aUJoe6PQ9oZD5wfqaiKGVR32NC0gr4B8+N"
    "ras24Rk7hzbUptdyIJiCjJ3SucYXMy3v5hR4Q8By8KJKpjXUC9QVl6vyM4LxrVhCXfJ9ST"
    "NSEqhLp4AtjVObRdEXrj6M48kWFi6nMVvMum2Bzi3+92BPHgyFMyYSZJIC11aVpqnDm0Zo"
    "JZLmupWyhXTTJL7q41esbFXgItShBcMzizxymVGcFiTMTtGuJZg2Z7Br5NTNlBu0cl2CI/"
    "03qIVWwH2cV9RV/4r41ce2vCdB/N01OsYpy02AVaF2Kn0YR9+hCbdOtLmZjEv1/E7Iod/b"
    "OQQnOyJEtd/l8m2MFIR8nOqIgwFMzE75nCBx7cZRjtPHhH3+/pSZ980gv/5j2fKjomke7y"
    "vwJ2lvPxb+i5DzYdId1OJiEjG2OTIf5A5BsI+L+QO+E0wqX3Fv3mX9RGDp3+hq7EqP9BjH"
    "B5CunWC5f+H+yd1MGGprqJ0Yg6gl4PZsLfxG8w0SPm13E6Wdok5puKcQJfU/1qQ0kmMZm4"
    "8isEE0AwQSt4ao/dyhBMsI2rDsEENbDSTmWc3txefj69/XdX/YQLyUXOpgo2bYqqjEV1Vk"
    "eSISw4jBQ/z3aJxKW9DMCYbJsRVG0quFY3wTZHWhxVimk5KolpOcrHtGREfwXpPkcIKTbS"
    "gqY5basiwBJKQLhKnc0FbDX4NW4y03UM7Kp+Dclmq1CrMJMMsibUagUmuop0nm+2qjxhar"
    "8XGhIX38MyA2JiZK01KiD9BSxWbWQDPbZdgMVqG1cdLFY1sNJUO8zRSDGDIEkDaTAZnRbS"
    "YMrsgZVMBnslJoO9vMmAC3WyMvvFAMcEPUR4v1qeUUmaEWQZvU6WUQjYigbaAvJtNtTGES"
    "PMoGoVkfKUvdvAjSQkpnHTRKqsJBLrH3fXV1VwX9BndzExXPRfZBHWmPg2+NvIsw0/lObR"
    "I6KNA3srnvf3planZDEEXinhPFfwJ1vbJyN1iwlyBX84YGPqKBUYTNJs8IPgCsOPP27qq6"
    "j79Gxju/mccD04Pbu//GVDxYfr9wnbfpSabmn85Jvq7Akr+eDl1L1j+E30zJzpjjsVLaEV"
    "2w5m6MCNJFPMZ9gguuXO1cDNkkHK0VIP3WI/1uA0Ok9N1rE9XNVnlPuCK/jm4o1ZA8h3yb"
    "m6tZerQpz9jtdI7tLN3z0WrNbMoVww1K018yNO4xlvwgl7tNlTu/aRUtH2a028PgSz9BUk"
    "5s2w80yY6IS9Ybw68nWntWRLt22OlaGvnQF3xqdYdGnoIVabxqjr3x/sKcjZbYptRQUi1s"
    "asf82iM/XCTMjdrYiVx7CsPowKRD+zSpGQXUGn2WC66NOTRtIlvsuyMLrksCZj6KSpoaF1"
    "lA/9Ogi8BGHbm9SN2ISadIcFt8RZyU9KzCCzFOL02sMPehyxBXF627jqEKdXAytN6HiqMQ"
    "yvELqwuTCy2l2IKVFCCWLoaKgQ5CSmHzu6rOL63VS3rELekCLskU/rYP/dccwaxB9lXOHu"
    "s2gTLEnpowY2PScImFHZwHnKPvTOatrvnTC3UXF05wAvLZwsoYbSyQqlk6EAABQAeF0E2x"
    "jSJQkrur3435+5EN/dlgABahpXkaT9IJfBnSDs36m2t1s1k6I0lSIXruhgYbMWOvejkiic"
    "petd+Fwj8dLYNqnDlMHOkPVvdzfTLUdnrhYW8veFL5XjT0q8zYdgXDheUfxN0YHgqyD4Lk"
    "r1q5+IMtr+sY2mDsVHnRGmFoabJOmRuQLKEHUGYdHAVzF0fEEBiEJE/kahTXnlFbDN0gG4"
    "MsEhqo+vhG2WDKCFWm8tqvXGiKwMp3oqSbUeIl3FNnGmQ45O7eBWy9GR8uIaEO5hbGgW4e"
    "wZVAFhX/OqAd0ed7DKopxUVqtwiVjoquWMqx4N3lF4c0Jq93P5OrISGdcG80Qhj7HvBgb4"
    "FOFbtMBdE7GLeKIeyV0lO22DaHVxX8XcUe4FayqzqCtQNZsOEoZ/DaTpINHNYXk6SHLY0l"
    "Zs16IjWRDni0TXMmTorm7RsYcRZ6HO3O8almqitpTiwX6wT5FDX0RrNWKLNmVG0KxsMTKc"
    "gKGv8TUtvDZEDnaJw7cfsaNrb5Bumw922PAMczI8GmGupD5j/5MeosXfLv31B/5WDvbDEx"
    "EncbCAMpyWIXeC/bfjUyLdNNmDrSMbv4jmbEPEKKKWiZ3FG3KBaY5EWLhAuKiJ2tdBFLCX"
    "+z1BTguUooYUl7adnT1OdoAUl21cdUhxqYGVJpuQq0WvrxWzXgFJqEHdy6yWg0pBIgclMS"
    "IH+RCRlZJa1ktoaR3K9WW0mPpcY54zxsrhZRlKCDBTCDDLqxLVDzYpbZ+2dW2nXF7bVIBZ"
    "Tgye+TzMaYVdLpUXRFfnKNeM823bjlYL9E1aOlaD0ZW1ANiqYOkRsWQ1iUtPspgGzjCFM+"
    "w1Y/Ta9p1DHFmroS2JI3utOJy27WAIxGkLwhUDcYpDGJr0Y93iZ4JfzubBYZHzZCVvD8t8"
    "WY4/UDPikdAhtEsMdQhuGTDQg1tm61cd3DI1sFJwHWwqL32GHUJNjQuZTgGbKkiEzNBttZ"
    "UqBAPbEuFpKYQh1VYDaHJpVa0kwoJiq4HrSDWg65uLq8FGmGQDhYC4pmm40iO9uJdkiqgd"
    "DSTFY3vTQHLz+eUtM500bQPcaH5jy7CtL72xSlINpDaUYd5oCPodZix4z5zZLro1LDPZsc"
    "QgsNZ1ifUNwVoHdhuw1m39qoO1rgZWmvBr0idsaxOdTVRU0jRVPWrp655QDReyx99mIrlr"
    "BV6Vpuwhr+oIb4owKWVODn7mX8YqR1KasoZlbqeG1otVFk3o1EwZCQoIFVtuy/BYLfWwKn"
    "b6axu4VY0ZiU2VMmacnd6dnZ5fvFZ0zV0QbJnXz0PLUolyHo0AzbxLH/IQNHPQ0UAz3/pV"
    "B828BlbalvTmFmnjkN3ctRAlwuLXzqFcmsSUJoRMJoVMpvC1Nb/xFnHn2pTa7kTioCzkxi"
    "UzbI477x92hD07eOEGVse6gHqDp+B+R3DGU+xwAAzRimRGHVebUM9Rgbp4AtjVObST9UKp"
    "RQxJRllxCJWUGEKpUgy+jlAq/oNc4no+71CzWuQIIbBqqTEyAVoNNsnL9GzdQrqqZTK/z9"
    "aItuJi3xN/qTVDrT4Es3RQXi+Ms0rXYmGy8toqCJ3xKW6xQR2zryCZeKY7/vm0JlTn8UR9"
    "hWoWlcZdEymVErudBCqZA7wmVpm8434cDc1Gg8a1CmT+pmQhgxKnU2oYeJ66JLUNwfMEPg"
    "jwPG39qoPnqQZWCp4n8DxtEtxmkuP93oAG1phBZzKBvNh6KSFth+1SPK/Ttsucca2K2SfZ"
    "5XFtJVSpL2ZXNKtcPWntNbT2LqIVN6FZG6dEM5uOMeNXUdgXle8kCnuqLF6xwp6qxAcKOy"
    "jsoLB3WHUDhX0bVx0U9hpYKSjsoLBvEtxGFHaDozGmsr4tJds3QdNDnOvfxG2sOZZjEoOb"
    "2+ub67uL86ZMHY2XHfPYDNuiMa28hUgJ2jnKlVBvmSreNN5cRXToMwdNrQ5hhmy7+4w4zN"
    "UMi9jE0C3NY6o1HQsn2G5ULdHLW71CZo4QUAzB0MQnS4QCoFsSk92SvjjF80CGiUKGid9h"
    "SLN0WZ3B5a2JYkLAXBlzZTYCp9viy7e96aOsnESxOJYj7KE0VkmX2yvR5fbyuhx2J8RgWi"
    "BgcXHAwSMV2AvIAfxK4DOXzmb8u3ewzmT8okzXy1L2EvKKmJeCnkOdH3qiu6budy5UPBZz"
    "tHAyKpyMkATVqEk52JwquCYoANClWWUCrTy4yulk/QxtGWbyyRJbq0KrPkjYe92EvU3non"
    "UE81fPr+omTpuP1OoiTro5JX5l+zVximOwTqMJO+hOe93QtgVyZTFuKXwrBLtpeopgWdjb"
    "4BTFpEiQunz1kO4i3UYJZo+oCH1D7kRcdhmiLzba4Y/hRHvHb96j+KGcLpD4EuA38YwHOz"
    "C+oJ0H7+j73XcP3vHJ4ckbNKbI5f+b8Ad5fN86xJ2LGV3kT2SG/1489C8MWcTA/GR/OxhK"
    "Y/2+5nrUZg7BXyEaEKIB28jeehwXBtGA27jqEA1YAyttd7SPJNPp9Obm9vqX7ob7tCL8pG"
    "1cCuJP2oAqxJ9A/En/PD4QC7HWbobYnc3vV4g/2WwIhBBjV4qAyBD2EvBGAiBe2w3fNgG4"
    "9v58GSNlRXSzZIDtcpd8KrF8Ta9xKpe9YzBXdRpn91jLXfNdhbkG33yTfi+/yZrE0xU1Xy"
    "v2bfE7WtTpDeo4dIqLDsFzAzZ88Nxs/aqD56YGVprue6pacCBJ07t6DvU34p7pjL1QLvSo"
    "tjzPEfaw8sD+0VGVCg9HR8UVHsS9TKMkKq2MXlyIMSaA8oupY6CO1jGLFghcl1BalTwlLE"
    "/ty5PW9ZTWR0IKC1T7Aq2U6PUqGV7Rod1d94keuJ7omMiimgslzBzd5uTM3Y7ImRY1njhE"
    "nu0SiTu7XF3L0tagsLXMcdIR/SzCpFRBs3TmBp/CCpp5jhjWus1rnayYreYtklBCCudSf9"
    "Esk3sJqZwVvBmSrbZGqiHDdSQ93WHIdFLw+HzBjxNKnwYSp090a1jm93lJDAK3T5eY4RDc"
    "PuAAALfP1q86uH1qYKWJj8iRaOElHh9Hpnj3wv9QLUhxvyxIcV8SpIifhdk6mCwHdLFJNU"
    "MG5tTazakM88NfcnSUhOrGFP3c/9W2v0qFdTBZb8xkHUmyj2rl7FNUG8zAbIqLNLSpc6aY"
    "KhYCrn3yjeyQdQvIhJrteTDdvIOs5jVtBTFsxTaDJLJLbQeamRy9tBjKtY2Rf5ijEXUQ5X"
    "+F8wzRiyPKloiCJX51ET6RzfTgyKUj/5Ix0e0xRsRFDp5Rx2V+RZFUIZQG5l9u3viaSNu2"
    "8TeXa1Iuns7Ef4PaJWD7ANvHq3OdHmvBYPvYxlUH20cNrDSrmjP8h0Q8I+NCTFNkfUpu+3"
    "5//+Dg3f7uwfHJ0eG7d0cnuzHC+VtlUH+4/CjQTn0mRfD7yCloLGmqHiriTcQdzy0qK/l7"
    "z0W3oojjmKQXEJcdAhf/ui83LsVnwKfrq4/R8KzFKRNMaXJxmHLh25hrT1hJJZeQ9i62/q"
    "SKWn5SrJWfFOTfK1nzXqPw1M3F1fnl1cfNWD8aqDsVqHkqIZFJEoiGzJ6BWeVZUZiXkPdQ"
    "ou+IBF89KBI7DlWqypKm6l+FkKNKdtqjEjvtkaQ/igAtLK8i71Jc3E9CQgpRiXn2FZpCVz"
    "JEZGkhwLfNfCsyfivZcNNEfVKVm4rrTcQnrhnSmwiH7BjEVcN507urVYVJTrFDjMlA4nEK"
    "7wxLi5MsxkCMapc+7GGJn6bQdlss9RUbb7tphNlAwrf4qBQQDof3EN1GihzyJ7rYlkh6xX"
    "FsCZLNx7C9jmxXW7SaQtBJ/YfZn/8PmkgOEA=="
)
