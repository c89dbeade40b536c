"""The hospital group (issue 16): institutions (医疗机构) with their campuses, the group
(医联体/医共体), where practitioners are registered to practise (多机构执业), coded 执业范围,
practitioner categories, temporary privileges, per-institution technique admission and
institution-scoped users.

Existing data moves to one default institution `MAIN`: every site becomes its campus, its
techniques stay admitted there, every practitioner gets an open PRIMARY registration
there, and site policy becomes the institution's. No specialty is mapped to practice
scopes, so no decision of existing data changes. Free-text 执业范围 is coded only where
the text names scopes of the national list and nothing else (the patient-protective
reading where the data is clear); anything else stays uncoded and is reported."""

from __future__ import annotations

import json

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# A frozen copy of the national list (domain/practice_scope.py), as it stood when this
# migration was written: migrations never import the domain.
SCOPE_NAMES = {
    "内科专业": "CLINICAL:INTERNAL_MEDICINE",
    "外科专业": "CLINICAL:SURGERY",
    "妇产科专业": "CLINICAL:OBSTETRICS_GYNAECOLOGY",
    "儿科专业": "CLINICAL:PAEDIATRICS",
    "眼耳鼻咽喉科专业": "CLINICAL:EYE_ENT",
    "皮肤病与性病专业": "CLINICAL:DERMATOLOGY",
    "精神卫生专业": "CLINICAL:MENTAL_HEALTH",
    "职业病专业": "CLINICAL:OCCUPATIONAL",
    "医学影像和放射治疗专业": "CLINICAL:IMAGING_RADIOTHERAPY",
    "医学检验、病理专业": "CLINICAL:LABORATORY_PATHOLOGY",
    "全科医学专业": "CLINICAL:GENERAL_PRACTICE",
    "急救医学专业": "CLINICAL:EMERGENCY",
    "康复医学专业": "CLINICAL:REHABILITATION",
    "预防保健专业": "CLINICAL:PREVENTIVE_CARE",
    "特种医学与军事医学专业": "CLINICAL:SPECIAL_MILITARY",
    "计划生育技术服务专业": "CLINICAL:FAMILY_PLANNING",
    "口腔专业": "DENTAL:DENTISTRY",
    "公共卫生类别专业": "PUBLIC_HEALTH:PUBLIC_HEALTH",
    "中医专业": "TCM:TCM",
    "中西医结合专业": "TCM:INTEGRATED",
}
# Words that may surround the scope names in a clear free text.
FILLER = [
    "临床类别",
    "口腔类别",
    "公共卫生类别",
    "中医类别",
    "执业范围",
    "·",
    "、",
    ",",
    "，",
    ";",
    "；",
    "/",
    " ",
    "　",
    ":",
    "：",
]


def coded_scopes(text: str) -> list[str]:
    """The codes a free text names, when it names scopes of the list and nothing else."""
    rest = text
    found: list[str] = []
    for name in sorted(SCOPE_NAMES, key=len, reverse=True):
        if name in rest:
            found.append(SCOPE_NAMES[name])
            rest = rest.replace(name, " ")
    for word in FILLER:
        rest = rest.replace(word, "")
    return sorted(set(found)) if found and not rest.strip() else []


def tables(sqlite: bool) -> str:
    pk = "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL" if sqlite else "SERIAL NOT NULL PRIMARY KEY"
    ts = "TIMESTAMP" if sqlite else "TIMESTAMPTZ"
    boolean = "INT" if sqlite else "BOOL"
    false = "0" if sqlite else "FALSE"
    json_type = "JSON" if sqlite else "JSONB"
    common = f'"id" {pk},\n    "created_at" {ts} NOT NULL,\n    "updated_at" {ts} NOT NULL,\n    "version" INT NOT NULL'
    return f"""
CREATE TABLE "hospital_group" (
    {common},
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(32) NOT NULL
);
CREATE TABLE "institution" (
    {common},
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "licence_no" VARCHAR(64) NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "is_default" {boolean} NOT NULL,
    "is_group_lead" {boolean} NOT NULL,
    "default_validity_months" INT NOT NULL,
    "reevaluation_months" INT NOT NULL,
    "emergency_report_hours" INT NOT NULL,
    "temporary_privilege_days" INT NOT NULL,
    "group_id" INT REFERENCES "hospital_group" ("id") ON DELETE RESTRICT
);
ALTER TABLE "site" ADD "institution_id" INT REFERENCES "institution" ("id") ON DELETE RESTRICT;
CREATE INDEX "idx_site_institu_9a1c01" ON "site" ("institution_id");
ALTER TABLE "specialty" ADD "practice_scopes" {json_type} NOT NULL DEFAULT '[]';
ALTER TABLE "practitioner" ADD "practice_scope_codes" {json_type} NOT NULL DEFAULT '[]';
ALTER TABLE "practitioner" ADD "category" VARCHAR(20) NOT NULL DEFAULT 'STAFF';
CREATE TABLE "practice_registration" (
    {common},
    "kind" VARCHAR(16) NOT NULL,
    "valid_from" DATE,
    "valid_until" DATE,
    "note" VARCHAR(500) NOT NULL,
    "institution_id" INT NOT NULL REFERENCES "institution" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_practice_re_practit_5b2e7d" ON "practice_registration" ("practitioner_id", "institution_id");
ALTER TABLE "technique" ADD "institution_id" INT REFERENCES "institution" ("id") ON DELETE RESTRICT;
CREATE TABLE "technique_admission" (
    {common},
    "status" VARCHAR(16) NOT NULL,
    "approved_on" DATE NOT NULL,
    "filing_due_on" DATE,
    "filed_on" DATE,
    "filing_number" VARCHAR(100),
    "status_reason" VARCHAR(1000),
    "institution_id" INT NOT NULL REFERENCES "institution" ("id") ON DELETE RESTRICT,
    "technique_id" INT NOT NULL REFERENCES "technique" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_technique_a_techniq_3f0c55" UNIQUE ("technique_id", "institution_id")
);
ALTER TABLE "privilege" ADD "temporary" {boolean} NOT NULL DEFAULT {false};
ALTER TABLE "privilege" ADD "temporary_reason" VARCHAR(1000);
ALTER TABLE "app_user" ADD "institution_ids" {json_type} NOT NULL DEFAULT '[]';
ALTER TABLE "committee_decision" ADD "institution_id" INT REFERENCES "institution" ("id") ON DELETE RESTRICT;
"""


def data(sqlite: bool) -> str:
    true = "1" if sqlite else "TRUE"
    false = "0" if sqlite else "FALSE"
    default = f'(SELECT "id" FROM "institution" WHERE "is_default" = {true})'
    policy = 'SELECT {col} FROM "site" WHERE "is_default" = ' + true + " LIMIT 1"
    return f"""
INSERT INTO "institution" ("created_at", "updated_at", "version", "code", "name", "licence_no",
    "level", "is_default", "is_group_lead", "default_validity_months", "reevaluation_months",
    "emergency_report_hours", "temporary_privilege_days")
VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'MAIN', '本院', '', 'UNGRADED', {true}, {false},
    COALESCE(({policy.format(col='"default_validity_months"')}), 24),
    COALESCE(({policy.format(col='"reevaluation_months"')}), 12),
    COALESCE(({policy.format(col='"emergency_report_hours"')}), 24), 90);
UPDATE "site" SET "institution_id" = {default};
UPDATE "technique" SET "institution_id" = {default};
UPDATE "committee_decision" SET "institution_id" = {default};
INSERT INTO "practice_registration" ("created_at", "updated_at", "version", "kind", "valid_from",
    "valid_until", "note", "institution_id", "practitioner_id")
SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'PRIMARY', NULL, NULL, '迁移：原有人员的主执业机构',
    {default}, "practitioner"."id" FROM "practitioner" ORDER BY "practitioner"."id";
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    sqlite = db.capabilities.dialect == "sqlite"
    await db.execute_script(tables(sqlite))
    statements = [data(sqlite)]
    rows = await db.execute_query_dict(
        'SELECT "id", "practice_scope" FROM "practitioner" WHERE "practice_scope" <> \'\''
    )
    for row in rows:
        codes = coded_scopes(str(row["practice_scope"]))
        if codes:
            literal = json.dumps(codes)  # ASCII codes only: safe as a literal
            statements.append(
                f'UPDATE "practitioner" SET "practice_scope_codes" = \'{literal}\' '
                f'WHERE "id" = {int(row["id"])};'
            )
    return "\n".join(statements)


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "technique_admission";
DROP TABLE IF EXISTS "practice_registration";
ALTER TABLE "committee_decision" DROP COLUMN "institution_id";
ALTER TABLE "app_user" DROP COLUMN "institution_ids";
ALTER TABLE "privilege" DROP COLUMN "temporary_reason";
ALTER TABLE "privilege" DROP COLUMN "temporary";
ALTER TABLE "technique" DROP COLUMN "institution_id";
ALTER TABLE "practitioner" DROP COLUMN "category";
ALTER TABLE "practitioner" DROP COLUMN "practice_scope_codes";
ALTER TABLE "specialty" DROP COLUMN "practice_scopes";
DROP INDEX IF EXISTS "idx_site_institu_9a1c01";
ALTER TABLE "site" DROP COLUMN "institution_id";
DROP TABLE IF EXISTS "institution";
DROP TABLE IF EXISTS "hospital_group";
"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYfakzo2Zj+Zrsvjvj2E7q1rGzttt0N+6wNAlJrClCBUg7mt3+9xcgRY"
    "oXkCIkUiapM9NpbBIHpB+AB+d+/tubEBPb7PXJ1PoJz3rv0H97jj7B/IfUnT7q6dPp4rq4"
    "4OoPtj9Un1ra43zQA3Opbrj88lC3GeaXTMwMak1dizj8quPZtrhIDD7QckaLS55j/elhzS"
    "Uj7I4x5Te+/sYvW46Jv2EW/jp91IYWts3Eu1qmeLZ/XXNnU//aheN+8AeKpz1oBrG9ibMY"
    "PJ25Y+JEoy3HFVdH2MFUd7GY3qWeeH3xdvM/NPyLgjddDAleMUZj4qHu2W7sz33QFtd6mn"
    "Z1fafdnt9pWk8BIIM4Alz+qsz/60fiFb4f7O4f7R/vHe4f8yH+a0ZXjv4KHr0AJiD04bm6"
    "6/3l39ddPRjhY7wA1aBYIKHpbhbcM37HtSZYjnCSMoW0OSd9Hf6Qxj1EuQj48MIC+cVu2w"
    "T0/A80rx17Nl/yApzvLj6d396dfPosHjdh7E/bx+/k7lzcGfhXZ6mrO4evxHXCP6TgA4sm"
    "QV8u7n5A4lf0n+urcx9ewtwR9Z+4GHf3n554J91zieaQZ003Y7szvBqixkcuVt2bmiuuep"
    "ISVr1Nq/6EKRNolOeiMYrlrLSqxd1tNCtdwOn/m8HydKxTOZjh+BSS/BXb+JlM9G+ajZ2R"
    "OxZL9uZNAXS/nNyc/nBys8NHpTb/1fzWILiXxHdK8dD6poLwgqIajF/25E8ifFgG4DRzie"
    "F7mIaXYX6Cu9pYZ2MVjFNkHdzMh/sloD7cz4Va3EpCTYmNWRbkH2+vr+QgRwTpA9YyXPQ/"
    "ZFusNu7b+8fQcwyBIHrwLNu1HPZaPO+fvZrALwBbAJQ4W0OQdz6d/JrG//Ty+n360BQTvE"
    "8tBv42tfjtFWSfJGUFss+cnTTlM2iJqBNiUijrUPxEHleScJOUsMpNXmVbZ67msZXWOU0L"
    "K93klQ6tDQ8zFWElSbU5WaVX12GZlFQGpcTuQYHYPQjEbmFzGz7GDETiwoNuPD7r1NQyd8"
    "iA5I3N3poMJukruqOPfOTEHyn+gtAM6ZmWezrGxuOUCAVTZqlMDekXmizFYM1Ijl5mu+yd"
    "IGaNHGwi5vJtMcGOi8gQuWOMjDFfiO8YGmPdRDsM/4l0x0RCFH71DvHXwI75PXHsGRfQHr"
    "FPgZ84OXvdSy1uHc+4d+6d311+dDm/I4shHRlkMuV/KPrxyy3aOTcHBwe7b/vIJBP+gL+J"
    "x/N3eT2dvUKEq/n+TPGn/V3MIN7l3qH4mVquix00pGSCGJlg5OOJdij+XgzGJp+FIsNzER"
    "sT6iKHIJs4Iz7vRHf5AjBkuT4Ky+2/X7mK8WfvNzADb9IMLCDPoPreGuUCOyfYnFWofnDf"
    "DgZ7e0eDN3uHxwf7R0cHx28ilLO3iuB+f/FRIJ5guVnzkariDRq3gsb9KOMS+dg+SvkEQC"
    "uD1j9isuDe4W85rCIi6AS8RUL1+a93xeaKSKa+vL76GA5P2zD+kgq+MgVnueArVW3aCXxy"
    "X+8NSuzrvUHuvha3kkBzIcjik0n4xntCbKw7uS6SiCyF8wOnqwvo6Mpmt/j76+vLxBZ/f5"
    "Hewz9/en9+s7PrI88HWW7O+cd3KJM5o/I39YJig5qc0Eo3o81VY+Jvkip3LjSTXp4WF9zt"
    "L1fgcDSwzriTrz3+FMudBbuK35v/ykUDPvJrT/eN4sHPxDA8SgP+Gt4k1B+aq7e8rIjdBO"
    "1lIwJ2vo4TXzQFrpMig7O0xFkafA7hh1QW6SRVB4Gu3okb8R1lmNfQeBpm5q5b4QnwUo32"
    "SFKB6TnP9JxCWhqfVIiyPD6pC+yi+q2cknDKopwi6yDU1R+BC+lRHWjgzWU39AMeEoq1P6"
    "SaZL5JKkXWBaQ3bZfShy6mysAnqQB3ddzzzCb5mK9pNtl6vPmfzVxFRp6k6gLudXPyKcVP"
    "ysGoCaIOiiXVwwxex4rBbZK99QesJ22OmZv95dbWcThuaaDMtYMRJc9oTGyTw+6HkIioul"
    "QciU2MR3HbEjeopdsWw2weyiIJjals1qalGrbFTAtBJm23gQO77zq7f0/IY/CnZ5h9eKuQ"
    "1T/EBlXqVPvaM2wLO26YKs61Ekwd3dYoHgbOsYTLbSqebIkH4dAkzYwxNj0bc4Tm3jbmTT"
    "F9shgpGBK/Ika4uusxiCKEZPKm8KLuphVDMvk2rjokk1fASmOsM3Fqlg7zS1CB0FbGBRYX"
    "SBSgTtN1EOzdwXGZ+ITBcX6AgriX2tjEccUeNa0RZmoxrBnKDmJeQ7gCYxYXf8XTMmDnZ5"
    "wnqSDtvNiPsELa+ZQSg6soFHPQTSXve5ayg99B9Q74tEqYFUxzjE4puiKxtIWwF8AsxMpc"
    "EDlzoMoCvoQc0qybnGbNsOvO7UJl2VOMpIN8qfqQTTzBlENiSAT9wkSTBB1kmihkmkxMV1"
    "Xaj5F0z3lfi5w/t7iqMI6IYoPRsbenP5yf/Xx5flaXXFk3+zB0x8C2vZqVNUULZ3GTz2Ld"
    "tsmzcj5ijGqDh8TLLGmFZ4SJDUtYJ5UjGjOEnRCCNh1lJ1A0hZqgGiKQIoRQgZVDBQydYS"
    "7zGISa0mDH3CXIEq60Cg07Sao28Es83SXxlVB2aZtXhjDjzF0N2RgFICpDNB14URbXNB0w"
    "hADcTPSQnD9kof5AKLZGzk945iN+4QhbvSEzBs+jgD6npmvZTv4r3FLh1cV+oPpzFM8j44"
    "0cC44ADgS9Gy6F31yc3vVy9vXmkW7Yri4LdOaTLgOz5UocHcoA31ptNrQvR3ZxCJXANCZs"
    "VQDtKZ/tJpqsmzs3K57mwJwfyRkLG/RLKkrMXO/nhB9+usG2npOUnIzQvPDn6tDO/msDEa"
    "9z0PLjXheoLo1+1azF2BJVQY2x7oywqNOpo6HnehSj+UTfMRSaAZChi5rC6GGG+IGA/JQK"
    "/mtA+86/JpIbpsFZkaoJWvET7p2dOXl/fvtVHz2PLWPsJ1UE2wktlhE9YjxlCH/jQNhidg"
    "PnJVJ8XWDof1LB9FpUuTNZzzMy9BYWyIGQXAjJheBMCMmFVYeQ3CZYP2JnWlbcKzBJJ+m6"
    "ZFjatEU6AFK9KlCGsBM+mboDRwmfZjWfY4oS/I7l/Y4Ofl4R9BQlgF4edLFfV3b4Sok7wW"
    "A27fQVO3jlZZASwzKssAwtidy6/nx+1dvI0VpHmc5HLrTb2BwptzCSkHYvIrGmapIx5NQ1"
    "YQk5xMs1OV4uaZEsqQEnibqkrNXlqI6VjljT+xSrVNEyiMv6npK7S9nvtAF/yhfRnquX70"
    "4J7vfLeFOeo6FlK0e9WxR38t0Yfomn5zFhGOHhEBsuEumAwfRM1H1CDxg7KHDmYfM1ugyK"
    "QGVcKRXPf+9w2on+iBnCujEO/TR+Yh4Tvpi4ywSNuUr25Hc+c2bomdBHTBnywYGyVE10kf"
    "iNQJWtfHGqLh0bG7DxNaSG0qnO5U9Tp2f6TMYA47cL+Z8xH6iZ85ElfMlCYuTMSXfRA8X6"
    "I/MZ1SfCp5l9/4Fa/B9EPRu/Qzr64fry4uzk34JV6egZ40dxk1D+y5frm5/4HYkjucrp75"
    "2de+/YeLN37+0Pd3d9Pvi9N+XPEK0jQyqOQCO5G/h/wf+7fZ5A8P9u46qD/7cCVhrLSdIl"
    "hrr8uhHz4VWXi3jR00mtWARXlRS7rjpdbbtaJsE6P706k1yt2nyos22HdksZincLDMW7je"
    "p4HyoZ/8Y67RUoIf79clrILBxaQg0RY+cGkTGxhV7A/BLbeQI/v0sxEnZxJ7Ct3Ir29eiU"
    "eI5h2d8x5BDXCkx+KY2kpifdO2xsTafYRM+WG4S1TikxPcNFO9cfPlycXpxcvgrUGf5wGw"
    "fvgR0X0yCEVlDwt5parm6jncvrUz7+9b1zgoaWLcqLm1xa4D/MtSnqOQzxnUn4fMFfxJ9K"
    "PJf/KmJuLSae/uT7JHUb9CHQh1p1gnVXMgZ9aBtXHfShCljpAs5QsCiJZTgcPBDZ+DNqjS"
    "yliNYFBShLy5QlRjxqcJHLcm0lpSlN1znlqZYoG/4S3kSU6XW8yYMsdT0fcAlp5zCvTGFN"
    "1BLxHmyLjZVLm6bp1rRVtSeWaW6saozSH2VdS1X+eE52kcKfyARvWhuXKaZDQiexHi2SOs"
    "aZMVyX1shQm1LrybLxSDIK1GVQlxvBbjqsOIG6vI2rDupyBawUOrpAR5fmgA0dXbqwwaF1"
    "yIZbh4yoLsP5dqLbdu5hGBF1KRp4b3B0GB2E4peiM/D208nlpaTyaVx/k8qTOZs3RbfVjV"
    "gWYKgL5WlaSGNrchobtGCBFiwpqKMrra24IPqpmBYzPJEupYh6hhaQV0DeIJOpbRlRSUoF"
    "4NOkgLtSQwndHSsCHtEA0gpIe87U1h2HizcUk6kASH2r584BK6GwEropLIJYw0/YkUipxX"
    "1r0rSAvEpFI4nfTAF8qdsN8F8df85GdMZfREWKL5qjc3ERB6XiIg4K4iIOJHER0GMFeqy0"
    "DVHosQI9VhpdxAZ6rECPlZZv4eU9VvIjATOVr6rp/tGdbazW9kNihdUIV/2oJXO5hcBeO/"
    "iO8P8th/c8nPU6NmmHgFaKM3V1m4w8/Ms8TkcabZoa0y+OOZ2P1mKhP9VGnkJ2JIR7NvGo"
    "6XDgH4R7buOqQ7hnBaw0VqIjJ/0pF83cpCfIkOSyoV+e03rC2pCSiZwt5fjoM5RbHTfkEJ"
    "l+WFA5Zj4eDM5lDM5ByqgKvguKziFcTxF305QFjORy1Wj85k6oNy3hqRRPuKKtAmaMAuCU"
    "d6dSgTNGAXA2qRAwmUws18X4bN5PpiczlGQG9QstJeHwqElN7aaSrz3mPfzBhZ9gW/VR9D"
    "u0XQVDSmPk1w6r1GBI2cZVB0NKtXJVeHKqqFUJog7mQNSiW00wFmkjimlZSaqtNq4Qz+Ub"
    "T2mjxkg6uE2rT8V8Ii5m2lAWRZLPXuM0oGmlGWwAjz7iD5Clby+BNUYH0OZAy7U8XVbfbx"
    "m0CzqANpNBZjmeAEmxyEOKDIyuZQQDZo2cnEalP95eX+UF+saI0mKBZbjof8i2WG37uPeP"
    "oef4Dd/Rg2fZXERhr8Xz/lnXOhTALkBKKC+ZNr3pjrz9pFYiJsi06U0Zd0p7HFJ0IHaUED"
    "tilrPyXDxJBNHuEi4uRAfL9cRrqGGbJYR496Xx7jHQslArxwhfJGdrF9JlI4Wz+2yNgGH8"
    "pNueH6+6ZszweTRRd5BPZW7Nk97WBOpzPIOxIzjV6fo6w1OduqIIc0/i84rd7Rc5u8zkOI"
    "gHbtP50Qc3Fjg0wI219asObqwKWGncjaVWqrHaAo0veyrVrJw3vxtiu/2Cpj7TmEdHmM40"
    "LvRRedRgcSWjnCmgqIhCUREotlCzfQSSpzeXPB2vIrC2kt/Jugu1KvrZtGiJvi/Nnc5X++"
    "UJ3KD+t4o99kH9B0UQ1P+tX3VQ/ytgpfFkK1G7T0VLXVB0UE/dfVO2D2JhI8SMqkrxlFBX"
    "M7nUIItWKWZXGeIOcqyWcKgQk+LK+K7uekolNRcUdX1TGXGv9/n86uzi6qN2c/7LxfmX3m"
    "Y+r8pL5FP8ZOHnnCCwIiaWIFsJ9Yb5ZTdgcItQUxe5UqTQ2qPJDCxYLE21JkOKrJMfVcmv"
    "qvCzynxXsRa5anbULCHUaFk/Y1u6MNlVCWv9lbS+Jvslt2pFylpgs9uxjCF2PXvhIuJMZi"
    "hMxKMVWAiT4ypuUZ0oV2/MBEtIt6YGeyHYC5tx4HXXcgT2wm1cdbAXVsBKm23bkCRZzY0b"
    "bbVq+IKUQTxZd6JiZSAigrST4h5z6vBKiQHmnJZyyvimqADYkh3klIFeMgsAv6RhnDLgOd"
    "QAdIn+ZKpY508AcEuKFWD+PINp6vVhs5TdM/fW4a0SBaCwY+b0/iyyracpu4d3Xeb1Fyh/"
    "1Gicq890ELVDTWUnbJKqezjX4oP17ceKXqIYCYTbSxWWoPStGqwpKpAvssAuxDDFLqdJMt"
    "i00sg95tl+hcMVUc6fALZyiRaduR2sV+gaWb4YRNN2dVnXcHqLlWgZGXhK14f3xg9LOQ1n"
    "6yjA8UO+BLjxau9r4iutON8uZlEW5NSRXwJnCZPdMMdoKdT5p5Nycl+d+Wo/EDa1XN3+SI"
    "k37UlCUJID+kVRKOP5UG0UjV0WidI7Qffewd7ew713/OZg/97bHx7s/S28dLB7tBtceodi"
    "BaMYeiZU9HZFYZwK8vhmoEhHNtbN+NDXvdSibuSBkF8H8TItOZ47HDkB8TLbuOoQL1MBK4"
    "XyOlBeZ5Pg1mJp5gKbRJjKxzccv8Ewr0/nZxenJ5fayeXlxcnV6XmvRVtZIUVBWil3zeIk"
    "naySW2tpkgsTT6bEFYVE5nkcEnUvO6hfpPJZi+GxPJOqExD4VIRqj9j3s4l/IP3gJdWpxH"
    "KU5a4Jog4eYYf7JZjq4X4uUxW3UueXGsDdhXZ3cFwmkGVwnB/JIu6lgirCyEEVjBNEHUS6"
    "+k085A/HdEotWRRcPtApMoC6BNSBxTkASQHqFFkHoa5edZtjtoK7GiIClkUEaH9IC/rc4W"
    "/FwP6xTlWfZuoHUnvc+a93CVNcpudRZI67vL76GA5PN0JKWXnAQL4lptK1CgtUqIvGtHeZ"
    "FppU7gv0z9RABX/j0cHbo3vv8GhPF/8/3kfPljtGlssQeXb4qMPBIb+/j3f5/eOHh2NBh4"
    "fiZ2OX44uNsb9DkW5OLCYMyEh3TDS0bL6b+ihqlMvE5QIv5CZf494RNWbRlNiWMUMP2Ca+"
    "S5M/7e/+Ew19MvUYH7sjxrFXyHK4Dm65iKvicyrwbzZQIQf2vS3sG/yb277q4N+sgJWCfx"
    "P8m5sEtxb/JhfHsGNgzilUUE5Sda5Pc/VmNRs/YVsJ4ZBgg+D+fPXx5uTs/GwzIFefWGqx"
    "6J0zSBc2wEkSQtsbhbY3HDo/UFcTMazqsCdpAXkF5OevrT3ptmVa7kybEMcdSwIiCnL3cm"
    "fYnIw32G+JkEfxokCiOtY51BuUpQctwXnRqGZe8n1MPFkTolyo8yeAXZ1B2xWhN1Sns1iG"
    "ianPVPAummJziL990xLEgyNPyYQZJ4G01KVpqVHm0JoJZpmspXahXDbJLL671ugZF3kJtD"
    "BBcM3gzA6nVKYEi5ElblcQzxo02zPwTWzKFto9SsEW+pnWQ6xkO8g27ivyzP/a0LW3Jkx3"
    "4TwdxSrCSYtcoFUhdhJO2KUPsU63vpSJSfz7ecwu39E/nVNoNE2y1OX/ZYwpRjqKd0ZFFk"
    "PBTPyeKXzgwV2G0c69d/B2V4/75ONe+Ffv+FThMYl0l/8WsLOMj39Dz713yBDpTjwJGTkY"
    "mwzxByLfQMB/Qu6Y0wiX3mv0u39RG1Iy+R1diVH/h5jF5Smk289c+r93dhIHG5roJkZDQg"
    "W9HsyEv4m/wUQPmF/HyWRp0zJflYwT+JroVzuXZGKTiSu/QTABBBM0gqd22K0MwQTbuOoQ"
    "TFABK21Vxunnm4tPJzf/bqufcCG5yNlUzqZNUBWxqNbqSDKEBYeR4uc5riVxaS8DMCLbZg"
    "RVmwqu1U2wyZEWB6ViWg4KYloOsjEtKdFfQbrPEEKKjbSgaUbbKgmwhBIQLlNncwFbBX6N"
    "z6npWgZ2Wb+GZLOVqFWYSgZZE2q1AhNtRTrLNxtVnjCx33MNiYvvYZkBMTay0hoVkP4CFq"
    "smsoEO2y7AYrWNqw4WqwpYaaId5nComEEQp4E0mJROC2kwRfbAUiaD3QKTwW7WZMCFOlmZ"
    "/XyAI4IOIjwol2dUkGYEWUYvk2U0B2xFA20O+TYbaqOIEWYQtYpIWcrObeBaEhKTuGkiVV"
    "YSifXj7fVVGdwX9OldbBku+h+yLVab+Nb7x9BzDD+U5sGzRBsH9lo87591rU7BYgi8EsJ5"
    "puBPurZPSuoWE2QK/nDARoQqFRiM02zwg+AKw4cPm/oqqj49m9huPiNc905O7y5+2VDx4e"
    "p9wo4fpabbGj/5Jjp7xEo+eDl15xh+HT0zpzp1J6IltGLbwRQduJFkivkUG5ZuuzM1cNNk"
    "kHK01EO32I8VOI3OEpO1bA+X9RllvuASvrloY1YA8m18rnbt5bIQp7/jNZK7HggRravWzI"
    "l4H8zSoV2d3J7eFNMni4luzhvGqyU7NKU+rJ29dcqnWHQY6Pie2jRebdxTkEu5EmxR4v7a"
    "mHWviW+qjpMJOZUlsfIYltXtUIHoZ1YqQq0t6NQb5BR+etIIp9h3WRTeFB9WZ2yTNGVvbr"
    "XiQ7/2AuvtvB1J4kZk2oq7KYJb4qzkJyVmkPEH8VPN4QcdjqSB+KltXHWIn6qAlcZ0PFXf"
    "8gu4lDcX3lO5aychSihBDJ3mFIJPxPQjqssqYd9OdNvO5Q0Jwg75GvYGR4cRaxC/FHGF20"
    "+ifask1YoY2PRoEMigsoGzlF3oaVS3PzJmbiPi6M4AXljQVkINJW0VStpCYjYkZr8sgk0M"
    "tZGEe9yc/+tnLsS3t1R7gJrGVSRpn75lcMcIu3eq7b4pG+FeGOKeCSOjWNishc79oCQKp+"
    "k6F9ZUSxwrdkxCmTLYKbLu7e56upjozNXmBdZ94Uvl+JMSb/MhGBX0VhR/E3Qg+CoIvosS"
    "6uonooy2e2yjrkPxQWcWUwuPjJN0yFwB5WFag7BorKoY0rugAEQhUnqj0Ca88grYpukAXJ"
    "ngENYtV8I2TQbQQg2uBtXgYpasPKJ6iH+53g5txTZ2pkPuROXglsudkPLiChDuYGxoGuH0"
    "GVQCYV/zqgDdDncWSqMcV1bLcIlI6KrkjCsfDd5SeDNC6ho5VosGkWtGTZ9HE3Xo9Eu5Mp"
    "gnCiqMcpzFtaHVkm0q/6blvoi68jvaAlW9QfnzIJyeNCg/vNkvDsqPD1vaqOha9OsJoi2R"
    "6OmDDN3VbTLyMMKOS2d+T51Ei6GlFPfOvXOCKHkWjYcsRzTxMYJWPouR8wkY+hpd0+bX+o"
    "hi16J8+1lOeO0V0h3z3pm3A8KcDA+HmKsKT9j/pPto8btLfvs7fyuK/SAxxEkoFlDOp2XI"
    "HWP/7fiUSDdNdu/oyMHPonVRHzGCiG1iunhDfmzNkAjOFQjntRj62gvDpjJ/T5BZAIVaId"
    "GgaWdnh0POIdFgG1cdEg0qYKXxFr1qMcRrRQ6XQBIqtHYyt2CvlKt+r8BTv5d11K+UWrBe"
    "WkHjUK4ur8DUZxrz6AgrB/mkKCHMRyHMJ6tKlD/YpLRd2taVnXJZbVMBZjkx+EezMCcVdr"
    "lUnhPjmqFcM9qyaTtaLdwybulYDUZXViB7q0JWXzJ+p2m7D2JMGg1tQYzJS/nom7aDwUnf"
    "FIRLOunz3Zt1eldu8JOFn09ngRie8a/Eb/eLPCzUH6gZ0Ujo6tYmhtoHZwGYjcFZsPWrDs"
    "6CClgpGLQ3lbM6xdQipsaFTJrDpnKSpFJ0W207mYOBHYnwtBTCOdVWA2hyaVUtXXpBsdXA"
    "taRSyPXn86veRphkDUVCuKZpyBux5/f/ShA1o+mXeGxnmn5tPve0YaaTum2AG819ahi21a"
    "U+QcB9owOjbzFjwXtmzHbhrX6RyY7FBoG1rk2srw/WOrDbgLVu61cdrHUVsNKYX5M8Ykcb"
    "62ysopImqapRS1/2hKq5yDX+NhUpRyvwqiRlB3lVS3hTiEkhc6L4iX8ZqxxJScoKlrmZGl"
    "onVlk0qFIzZcQoIFRsuS3DY5XUyinZBaxp4JY1ZsQ2VcKYcXpye3pydv5S0TW3QRh7Vj+f"
    "W5YKlPNwBGjmbfqQ+6CZg44GmvnWrzpo5hWw0qYk3TZIG4ec27aFKFkseu0MyoVJoklCyB"
    "FVyBGdv7bmN+Wx3Jk2IY47ljgoc7lxwQyb486D/ZawZ4oXbmB1rHOoN3gKDlqCM55gygEw"
    "RJuCKaGuNiaerD14LtT5E8CuzqBt8dkt1/O3pZpCnCGEmJ2ldq4YaBWYuy6Ss7UL6bJGr+"
    "w+WyOQh0sUj/yl1ozieR/M0kJRMDeEJ1l8gsmquqogdMqnuMEGoWZXQTLxVKfuBAuataA6"
    "iybqKlTTsBbomkip1BRtJVDx9NI1sUqltHbjaKg30DBKg5e5MuI58gX+jMQwcGq0SWrrg1"
    "MDzNvg1Nj6VQenRgWsFJwa4NTYJLj15F37LakMrDGDTGUCeX5uoYS0GRmG4nmtzjDMGNfK"
    "mH3izcXWVkKV2rG1RbPKFNDVXkJrbyNaUdeNtXGKde9oGTN+EYV9UVRNorAnKq7lK+yJIm"
    "+gsIPCDgp7i1U3UNi3cdVBYa+AlYLCDgr7JsGtRWE3OBojImtUUbB9YzQdxLn6TdzEclYZ"
    "JtH7fHP9+fr2/KwuU0ftFa08NsWO6MQp75lQgHaGciXUG6aK1403VxEpeeKgqZW4S5Ftc2"
    "OFoUWZqxm25ViGbmseUy0XmDvBdqNqi+bF6sUXM4SA4hwMTXyyfjN33ZaY7IqyFQrngeQF"
    "heQFjiTnmrYuK2G3bAlihIC5MubKbAROt8WX73iTB1mlgnxxLEPYQWmslC63W6DL7WZ1Oe"
    "yOLYNpgYDFxQGKhyqw55AD+KXAZy6ZTvl3T7HOZPyiSNdLU3YS8pKYF4KeQZ0feqKdoO63"
    "alM8FjO0cDIqnIyQBFWrSTnYnCq4xigA0KVZZQKtLLjK6WTdDG3pp/LJYlurRBc4SNh72Y"
    "Q9iEJqbhRSG3HSzYnlFwRfE6covugknLCFrqKXDdtaIFcUv5XAt0Qgl6YnCJaFdPVOUESK"
    "BKnLVw/pLtIdFGNkiIiwLuSOxWWXIfLsoB3+GE60e/jqHYoeyukCaSYGfh3PuHcCwwLauf"
    "cO3r45uvcOj/ePX6ERQS7/b8wf5PF9Sy13JmZ0kT+ROf958dDvGLItA/NT63WvL41j+5pp"
    "7Zli8L9BpBtEujWRvXU45gki3bZx1SHSrQJW2uxIFkkWz8nnzzfXv7Q3lKURoRVN41IQBf"
    "AiKIL/E/yfbXHBiaNmJQ9cirCTgNfigHtpN1DTDqnKWw+lDAkl0U2TAbbLXUKJxMY1vRaJ"
    "XMqWwVzWaZHeYw13DbUV5gp8Q3Xapv3+MRJrdNhXJt/+zO9oYRMbyCNuFRftg3UV7GxgXd"
    "36VQfragWsNNnSTTXhNU7TuXzi6nuMTnXGngkXelS7uWYIO5j5Ojg4KJNhfHCQn2Es7qV6"
    "QBBpZd78QmARAZT/ShwDq5b/kpfg5rqE0qpkKWF5Kl+epK6ntD4SUligyhdopUSDF8kwCA"
    "/t1iYYDPUgbZGMLFnkYa6EmaHbnJz5piVypk0M0Ubbc1xLks5brK6laaELd5O7cNs6c4NP"
    "YQXNPEMMa93ktY5XbFXzFkkoIYVoqb9omsr9gVSiEt4MyVZbI9WF4SoSE24xZCMoeHy+4I"
    "cxIY89idMnvNUv8vs8xwaB26dNzLAPbh9wAIDbZ+tXHdw+FbDS2EdEJVp4gceHyhTvTvgf"
    "ygUpDoqCFAeSIEX8JMzWwWQZoPNNqikyMKdWbk5lmB/+kqOjIFQ3oujm/i+3/VUq/ILJem"
    "Mm61CSfVArp5yg2mCWVF1cpKZNnTHFlLEQcO2Tb2RqrVvkYa7ZngXTzVrIal7SVhDBlm8z"
    "iCO71HagmfHRSwsWXDsY+Yc5GhKKCP9tPk8fPVNRWkAUFfArAPCJHKYHRy4Z+peMse6MML"
    "JcRPGUUJf5Wf+JYgU1zL/cvPE1llrp4G8u16RcPJmKf4P6AmD7ANvHi3OdDmvBYPvYxlUH"
    "20cFrDStmjP8p0Q8s0a5mCbIupTc9nYw2Ns7GrzZOzw+2D86Ojh+EyGcvVUE9fuLjwLtxG"
    "eSB7+PnILGkqTqoCJeR9zxzCaykpN3XHTLiziOSDoBcdEhcP7rXbFxKToDLq+vPobD0xan"
    "VDClycVhwoVvY6Y9YiWVXELaudj64zJq+XG+Vn6ck3+vZM17ieIwn8+vzi6uPm7G+lFDbZ"
    "hAzVMJiYyTQDRk+gxMK8+KwryEvIMSfUsk+PJBkZhSolSVJUnVvQohB6XstAcFdtoDSX1+"
    "Adq8vIq8S2Z+PXMJKUQlZtnX3BS6kiEiTQsBvk3mW6HxW8mGmyTqkqpcV1xvLD5xzZDeWD"
    "hkyyAuG86b3F2NKkxygqlljHsSj9P8Tr+wOMliDMSotunD7hf4aXJtt/lSX77xtp1GmA0k"
    "fIuPSgHh+fAOoltLkUP+RBc7EkkvP44tRrL5GLaXke0qi1ZTCDqp/jD76/8B3zNjyg=="
)
