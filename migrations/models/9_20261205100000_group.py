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
    "eJztXXtzozi2/yoq/zPpKk9v3p3p3btV6STTk93uJDfJPPZ2plgCsq0ORh4BSbt257tfiZ"
    "d5CIxscACfqqnpBHQE+Ukcnff5z2BKTWw5b0/Nr57jTrHt3jA6o45uDd6j/wxsfYr5DyWj"
    "hmigz2aLMeKCqz9aPpkej9dmSYJHx2W64fIhI91yML9kYsdgZOYSagvCUxtRzzXoFCN3or"
    "vIYNRxsIl05BAXfz+jFjHm/BbDzoRa5hAF0/MRLkVTbBJDt5A+GumEOW/FI01q8GcSe1z7"
    "7A/2FX7GDHEULMKHPM4RcR1sjd7z+fgzpsR1MeZk00c+ivKBNtLNKbGJAMEVFwwDz1xH3D"
    "OJMyX8XRw+h//enk3+8LDm0jF2J5jxt//yZeB4j1+x4WpPeO7Dzch4zO/xH5lnaxzB33/n"
    "PxPbxN+wE5K4uuv5i0PMAb/7ZTATK0AE4Jhp/CK/FQ7yqWdP2ohgy0xtg2CYf11z5zP/2q"
    "Xt/ugPFCg/aga1vKm9GDybuxNqx6OJ7YqrY8yfqrtYTO8yT+wA27OscN9EmyL44xdDgr8o"
    "QWPike5ZYh8J6uAFFtcGmnZ1fa/dXdxr2iC3xyKKxMYILxnUFkvDX9Xx//qxeIXv9/cO3x"
    "2eHBwfnvAh/mvGV979GTx6AUxA6MNzdT/407+vu3owwl+SBagGwwIJTXfz4J7zOy6ZYjnC"
    "acoM0mZI+jb6IYt7hHIZ8NGFBfKLD3YT0PM/0Ly2rXm45CU4319+vri7P/18Ix43dZw/LB"
    "+/0/sLcWffvzrPXN05fiOuU/4lBPwqngT9enn/ExK/ov+7vrrw4aWOO2b+Exfj7v9vIN5J"
    "91yq2fRF083E7oyuRqjxkYtV92bmiquepoRV79Kq84PCEWhU56IJiuWstK7F3Ws1K13AmT"
    "kI05CeTXQmxzRDlsGVv3AXP5qp/k2zsD12J/zX48MSHH85vT376fR25/gw8yFchXf2/Vtp"
    "qBNCRlWYEyQ9hPhgvwLEB/uFEItbaYgjKVMTgpmMSRRDLSHtIeR7xxUg38uy9wXk4lYacv"
    "xMTGwbWDN0B3Mp2MmD/o+76ys56FLi7HlMDBf9F1lc2G8K/sHfRp7tLzt69IjlEtt5K573"
    "90FDi1KyCAKs1FEcgb/z+fS37Lqcfbr+kD1jxQQfihbJJGPsSOSl4u9CQtrD76J+bj/ifE"
    "TpW4gJ2rH/xWN7s/9DpV6qJshXY0FRph50cN+XQC/E+6x4GBs9KkuGMcXm2MTg5uLq/PLq"
    "Y1Pbtekz1MQGZ7Km9qgkg6epVkI7VLjasjfTOO/v7lYAmo8qRNq/J4da3WiQpqzBaNAy8D"
    "tiI4gwKTUSiLUSOr/GsO6o6QES0v59Wnu7lb4tMayYje3mv67Qgr+C+pWn7CHqjRwc/mZV"
    "citkqFYyirUN6JrNYhLXTkVwJZSbszp2CmHyTCw8xqrwpslg8+ah5QepJ5S4sbYiyMUTAN"
    "wB3MK/O3qSOiNjyPKA/0gZJmP7n3ju437JX0u3DSwBNowWuEnO1S2U/4w2VXR18YpMf4k9"
    "47kPmoPA/3Ts+jDccknw9vLsflDInGsBOT1dxxhzdaBzB1MFrCNZoQacz6JIjvPEnP3c1B"
    "kJqwLOEpYL/KMK1MVnVQHqgnU/6sbTi85MLcXDxR26TzNX4rH5W9P9afaKbutjHyzxV4m/"
    "IYr7mhG+bANZRFhwZ1gaBTYjkat1aeRXMcKSSKhMlBOELUHYUiu+/h4HsEDY0jauOoQt1c"
    "BKF3D6/+awLDYvRuN76Lreq2rKLbPk5gNp8Ih8U0F4QVEPxq978jdst3UwP8FdbaI7EyXf"
    "apqsh5u5/jgMRi2sFIcRE7QjDqNfcUjfZoTfXkH2SVOC97XN3leGn+nTShJumhJWuc2rbO"
    "mOq3nOSuucpYWVbvNKR9YGtfCkNNUGg8GaOiwbik7KuZJeyUDpmcQ9m2DjaUYDa2veUpkZ"
    "Miw1WYrBmpEevTxrFTlkbGMTiTBCLNJeER0hd4KRMeEL8Z2DJlg30Y6D/0C6bSIhCr95Lz"
    "JHsW1+T21rzgW0J+xT4GdOLstdrf8ZD/aD/W+XH132vxFxgqzVGf9D0T9+vUM7F+b+0dHe"
    "D0Nk0il/wF/E4/m7vJ3N3yAqEl/FTMmn/VXMIN7lwWb4hQmniY1GjE6RIzJufTzRDsPfi8"
    "HYfCPyXg3PRc6EMhfZFFnUHvN5p7rLF6AsEzaf5Yr/gOzVzZqBBeQ5VD+QcSGwIUGfwkp+"
    "2N8/OHi3v3twfHJ0+O7d0clujHL+VhncHy4/CsRTLDdvPlJVvEHjVtC4n2RcohjbJymfAG"
    "ilKYTiiMmDe4+/FbCKmKAX8JYJ1Re/3ZebK2KZ+tP11cdoeNaG8adU8JUpOMsFX6lq003g"
    "m87b5EIQ4ZNJ+MYHSi2s24Uukpgsg/Mjp2sK6PjKZrf4h+vrT6kt/uEyu4d//vzh4nZnz0"
    "eeDyJuwfmnHha/ZjT8apqc0Eo3o83VY+Jvkyp3ITSTQZEWF9wdLlfgcDywybiTLwP+FOLO"
    "g13F74W/RpV2wqwA/2dqGB5jAX+NblI/oq1Yb3ldEbsN2stGBOxiHSe5aApcJ0MGZ2mFsz"
    "T4HKIPqXL+TYqqh0DX78SN+Y4yzGtoPC0zczet8AR4qUZ7pKnA9FwlMXaFlL0+F0qpfytn"
    "JJyqKGfIegh1/UfgQnpUBxp4c9UN/YhHlGHtq1STLDZJZcj6gPSm7VL6yMVMGfg0FeCujn"
    "uR2aQY834VEdg83vzPdlxFRp6m6gPuTXPyGcPPysGoKaIeiiX1wwxex5rBbZO99Sesp22O"
    "uZvD5dbWSTRuaaDMtY0Roy9IVFfnsPshJCKqLhNHYlHjSdwm4gYjukVEZfQglEUSGlPbrG"
    "1LNeyKmRaCTLpuAwd233d2/4HSp+BPzzH76FYpq39MDKrVqfZlYFhEdAoJU8W5VoKZrVsa"
    "wyNJQwtZ+wpjgk3PwqYWedscb4bZM3FoyZDklSH0wHgdBg/J5MXQ9zetGJLJt3HVIZm8Bl"
    "aaYJ2pU7NymF+KCoS2Ki6wpECiAHWWrodg7+2fVIlP2D8pDlAQ9zIbm9qu2KPqVf/zlD3E"
    "vIFwBcchoiaXWuX/NBWknZf7EVZIO58xanAVhWEOuqnkfc9T9vA7qN8Bn1UJ84JpgdEpQ7"
    "fdvRdiMDhzYMoCvoQc0qzbnGbtYNcN7UJV2VOCpId8qYFmVVPMOCSGRNAvTTRJ0UGmiUKm"
    "ydR0VaX9BEn/nPeNyPkd6dJzd/bTxfnPny7Om5Irm2Yfhqi2a1mrWVkztHAWt/ks1i2Lvi"
    "jnIyaoNnhIvM6S1nhGxNWyVSMac4S9EII2HWUXNbZSDhHIEEKowMqhAn77U4YNyky1Th15"
    "QujQAd18XqGNOGfuasgmKABRaWP2TOBFVVyzdMAQKrTsgYYym2oos9ifm0e6Zbu6KtC5T7"
    "oKzMSto4HMHemyoX05sotDqAKmCWGrBmjP+Gy38WT93Ll58VS5KU8ibNAvqSgxc30ICX/8"
    "5y229IKk5HSE5qU/V4929p8biHgNQSuOe12gujT6VSOLsRWqghoT3R5jUadTRyPP9RhG4U"
    "TfOSgyAyBDFzWF0eMc8QMB+SkV/NeA9r1/TSQ3zIKzIlMTtOYnPNg7IfkwvP1miF4mxJj4"
    "SRXBdkKLZURPGM8chL9xICwxu4GLEim+LDD0P6lgei2u3Jmu5xkbeksL5EBILoTkQnAmhO"
    "TCqkNIbhusH4kzLS/ulZik03R9Mixt2iIdAKleFShH2AufTNOBo5RPs5rPMUMJfsfqfkcb"
    "v6wIeoYSQK8OutivKzt8pcS9YDCbdvqKHbzyMkiJYRlWWIaORG5d31xcDTZytDZRpvOJC+"
    "0WNsfKLYwkpP2LSGyommQCOXVNWEIO8XJtjpdLWyQrasBpoj4pa005qhOlI9b0PiUqVXQM"
    "4qq+p/TuUvY7bcCf8qtozzUodqcE94dVvCkv8dCqlaPeL4o7+W4Mv8TTy4Q6GOHRCBsuEu"
    "mAwfSOqPuEHjG2UeDMw+Zb9CkoApVzpdQ8/4PNaaf6E3YQ1o1J5KfxE/Mc4YtJukzQhKtk"
    "z37nM3uOXih7wsxBPjhQlqqNLhK/EaiylS9J1adjYwM2vpbUUDrTufxp6uxcn8sYYPJ2Kf"
    "8zwoGaGY6s4EsWEiNnTrqLHhnWnxyfUX2mfJr59z8ywv9BzLPwe6Sjn64/XZ6f/kuwKh29"
    "YPwkblLGf/n1+vaf/I7EkVzn9A/2zoN3YuwePHiHo709nw9+7834M0TryIiKI9BK7gb+X/"
    "D/bp8nEPy/27jq4P+tgZUmcpJ0iaGuuG5EOLzuchGvejqpFYvgqpJi11W7r21XqyRYF6dX"
    "55KrVZsP9bbt0F4lQ/FeiaF4r1Ud7yMl419YZ4MSJcS/X00LmUdDK6ghYmxoEJlQS+gFjl"
    "9iu0jg53cZRsIubge2lTvRvh6dUc82iPWdg2zqksDkl9FIGnrSg+1MyGyGTfRC3CCsdcao"
    "6Rku2rn+8cfLs8vTT28CdYY/3MLBe2DbxSwIoRUU/K1mxNUttPPp+oyPf/tgn6IRsUR5cZ"
    "NLC/yHUJtinu0gvjMpny/4i/hTqefyX0XMLXHE0599n6RugT4E+lCnTrD+SsagD23jqoM+"
    "VAMrXcAZCRYVsYyGgwciH3/GyJgoRbQuKEBZWqYsOdRjBhe5iGspKU1Zut4pT41E2fCX8K"
    "aiTK/tTR9lqevFgEtIe4d5bQprqpaI92gRZ6Jc2jRLt6atqjuxTKGxqjVKf5x1LVX5kznZ"
    "ZQp/KhO8bW1cZpiNKJsmerRI6hjnxnBdWqMjbcbIM7HwuGBU6orYp0znE4YPyTeUEaVnAx"
    "Eekk9B2W4Hs+qx2gXK9jauOijbNbBS6AcD/WDaAzb0g+nDBofGIxtuPBJoIzmc76a6ZRUe"
    "hjFRn2KJD/bfHccHofil7Ay8+3z66ZOkbmpG16ts68jQbXUblwUY6kJ5lhaS4NqcBAcNXK"
    "CBSwbq+Epn6zWIbiwmcQxPJFspop6jBeQVkDfodGYRIy5oqQB8lhRwV2pHobsTRcBjGkBa"
    "AWnPnlm6bXPxhmE6EwCpb/XCOWAlFFZCN4VFEGv4GdsSKbW8602WFpBXqYck8bopgC912g"
    "H+q+PP2Yju8BdRkeLL5uhdVMVRpaiKo5KoiqN8VEXCT5zDfUmb0xQlKMhtVpCxba60xkk6"
    "WOE2r3BK41thpWX0sOJtX/EZZ8HEIDPVxvcy2uxqE8NF/0WiHX1j5+bfRp7tl6tFjx6xXG"
    "I7b8Xz/t7UeVqy/AKr1Mrnigxm6wlmllRMkC0yKB4vnHcrhAKlKOFDbPOHKMomsZWYbpoS"
    "VrnNqyxYplgFS9UCniYEFXFFM5VuTonj17092FM1h5fOAyuyqrlKW8npXzBFj7ol1hIBEG"
    "7YwLKq2ouygLpHGEOL2s4gDC1qoUVth8B1sTEJcoOUsM2SAbTQ/beR8srQ/Re6/3Z8C6t1"
    "/80Ks7CBq3IKuRZQAfL4MKsB6/vkXP0EOnv2r9FrOSrMLrFwqDdb7g/ial2WJWGrGn3GjB"
    "GZuSIC9trG95T/bzm8F9Gs14lJewS0Ulq/q1t07OFfwsRGaXJ/ZsywPMU/HK0lciXrTfSH"
    "YnSQH99G+anHmdKQH7+Nqw758TWw0kRF5IJqU4VoFtaYgoJ0XDb0uyGRZ6yNGJ3K2VJBWF"
    "yOcqsTLW0qM3qUFOoOx0OEbqUIXb9Cnwq+C4reIdxMz0zTlGXYlXiwTWlWXYMn1G5HeCrD"
    "U65oq4CZoAA4c5mIfs89FTgTFABnm/qu0emUuC7G52H77oHMUJIbNCy1lETD457gjZtKvg"
    "wc7/ErF36CbTVE8e/EhEKDYEhpifzaY5UaDCnbuOpgSKlXropOThW1KkXUw6IxjehWU4xF"
    "nR3FOlZpqq02rlDP5RtPaaMmSHq4TeuvXfdMXexoI1lkSTF7TdKAppVlsAE8+pg/QFbvcg"
    "msCTqAtgBaruXpsnYqy6Bd0AG0uZJbxPYESIpVcTNkYHStIhg4ZCxi0x4l6XTFecspIkhY"
    "TikvdSQsZ407lT0OGToQOyqIHQnLWXUuniaC7BgJFxeiA3E98Rpq2OYJIYljaRJHArQ81M"
    "rBwpfp2bqFdNVw4fw+WyNgWDe/eo7rdxSbMcoZvG6tGTx8Gs94E07Yn6VIB4A865bng7Em"
    "YhfxRD1FKi6wtiZQN8lqeT3BqUmv4TkWVXrEpziQuAsTd4dlfkIzPQ5Cqbt09A7BAwi+IP"
    "AAbv2qgwewBlaa9ACqtQWqtxnQ655KDds1/H8VoI3G99Bo1EzzaX2uOR4bYzbXuNDH5AGX"
    "5VXzC6aAWlgKtbCgrk3DpiUoplBPMYUqZqRkVZG1lfxe1mFpVNHPZ5RL9H1p2nmx2i/PfQ"
    "f1v1PscQjqPyiCoP5v/aqD+l8DK03mqYk+MSpa6oKih3rq3m4lRVUMK+4ZuZtXVRmeUeZq"
    "JpcaZIE+5ewqR9xDjtURDhVhUt6F1dVdT6l904KiqW8qJ+4Nbi6uzi+vPmq3F79cXvw62M"
    "znVXs7VoafCX4piJ8rY2IpspVQb5lfdgMGtxg1dZErQwotHtrMwILF0lTLWWTIevlRVfyq"
    "Sj+r3Hdl6I7o2GdQZqrZUfOEUN5m/WR36cLkVyUqk1jR+nrG57qNp+rUilS1wOa3YxVD7H"
    "r2wkXEmcxQmIpHK7EQpsfVahn8Mki1RjXmgiX8DvZCsBe2UQ/rseUI7IXbuOpgL6yBlbbb"
    "tiHJTwuNG121aviClEE9WyVlOE0EGTvSahczixi+oKcOr5QYYM7DbHIZaaKMb4YKgC1vAx"
    "n0slhlIy+ZBYBf1u1RFfACagA6DzT1XI2OtFhjVsa6eAKAW1LnAfPnGY6mXlo3T9k/c28T"
    "3ipROwvbZmxrqm5bz1L2D++mzOuvUDmq1TjXn+kgyq6ayk7YNFX/cG7EB+vbjxW9RAkSCL"
    "eXKixB1WA1WDNUIF/IekpHYphiQ+k0GWxaaeSe41l+ccgVUS6eALZyhZa9CZ/emnk5KsUg"
    "2rarq7qGs1usQu/NwFO6Pry3fljKWTRbTwFOHvIVwE0Wyl8TX2mx/m4xi6ogZ478CjhLmO"
    "yGOUZHoS4+nZST+5rMV/uJOjPi6tZHRr3ZQBKCkh4wLItCmYRDtXE8dlkkyuAUPXhHBweP"
    "D97J7tHhg3c4Ojr4S3TpaO/dXnDpPUrU2nLQC2WiLS6K4lSQxzcDQzqysG4mh74dZBZ1Iw"
    "+E/DqIl+nI8dzjyAmIl9nGVYd4mRpYKZTXgfI6mwS3EUszF9gkwlQxvtH4DYZ5fb44vzw7"
    "/aSdfvp0eXp1djHo0FZWSFGQFhleszhJLwsMN1qa5NLE0xl1RSGRMI9Dou7lBw3LVD6yGJ"
    "7IM6k7AYFPRZn2hH0/m/gH0g9eU51KLUdV7poi6uERdnxYgakeHxYyVXErc36pAdxfaPf2"
    "T6oEsuyfFEeyiHuZoIooclAF4xRRD5GufxOP+MMxmzEii4IrBjpDBlBXgDqwOAcgKUCdIe"
    "sh1PWrbiFmK7irISJgWUSA9lVa0OcefysH9us6VX3aqR9I7XEXv92nTHG5dlGxOe7T9dXH"
    "aHi2h1TGygMG8i0xla5VWKBGXTShvcu00LRyX6J/ZgYq+BvfHf3w7sE7fnegi/+fHKIX4k"
    "4QcR1EX2w+6nj/mN8/xHv8/snj44mgwyPxs7HH8cXGxN+hSDenxBEGZKTbJhoRi++mIYp7"
    "DDvicokXcpOv8WCLGrNoRi1izNEjtqjv0uRP+6v/REOfzjyHj90R45w3iNhcBycu4qp4SA"
    "X+zRYq5MC+t4V9g39z21cd/Js1sFLwb4J/c5PgNuLf5OIYtg3MOYUKymmq3rW4rt+sZuFn"
    "bCkhHBFsENyfrz7enp5fnG8G5PoTS4kTv3MO6dIGOGlCaHuj0PaGQ+cH6moihlUd9jQtIK"
    "+AfPja2rNuEZO4c21KbXciCYgoyd0rnGFzMt7+YUeEPIYXBRLVsS6g3qAsvd8RnBeNasKS"
    "7xPqyZoQFUJdPAHs6hzargi9YTqbJzJMTH2ugnfZFJtD/IfdjiAeHHlKJswkCaSlLk1LjT"
    "OH1kwwy2UtdQvlqklmyd21Rs+42EugRQmCawZn9jilMiNYjIm4XUM8a9Bsz8C3iSk7aPeo"
    "BFvkZ1oPsYrtILu4r+gL/2sj196aMN1H8/QUqxgnLXaB1oXYaTRhnz7EJt36UiYm8e8XMb"
    "tiR/8spNBYlmSpy//XCWYY6SjZGRURBwUz8Xum8IEHdx2Mdh68ox/29KRPPumFf/OeTxUd"
    "k0h3+W8BO8v5+Df03AebjpBuJ5OQkY2x6SD+QOQbCPhPyJ1wGuHSe4v+7V/URoxO/42uxK"
    "j/QQ7h8hTSrRcu/T/YO6mDDU11E6MRZYJeD2bC38TfYKJHzK/jdLK0Scw3FeMEvqT61YaS"
    "TGIyceV3CCaAYIJW8NQeu5UhmGAbVx2CCWpgpZ3KOL25vfx8evuvrvoJF5KLnE0VbNoUVR"
    "mL6qyOJENYcBgpfp7tEolLexmAMdk2I6jaVHCtboJtjrQ4qhTTclQS03KUj2nJiP4K0n2O"
    "EFJspAVNc9pWRYAllIBwlTqbC9hq8GvcZKbrGNhV/RqSzVahVmEmGWRNqNUKTHQV6TzfbF"
    "V5wtR+LzQkLr6HZQbExMhaa1RA+gtYrNrIBnpsuwCL1TauOlisamClqXaYo5FiBkGSBtJg"
    "MjotpMGU2QMrmQz2SkwGe3mTARfqZGX2iwGOCXqI8H61PKOSNCPIMnqdLKMQsBUNtAXk22"
    "yojSNGHIOqVUTKU/ZuAzeSkJjGTROpspJIrH/cXV9VwX1Bn93FxHDRf5FFnMbEt8HfRp5t"
    "+KE0jx4RbRyct+J5f29qdUoWQ+CVEs5zBX+ytX0yUreYIFfwhwM2pkypwGCSZoMfBFcYfv"
    "xxU19F3adnG9vN54TrwenZ/eUvGyo+XL9P2Paj1HRL4yffVHeesJIPXk7dO4bfRM/Mmc7c"
    "qWgJrdh2MEMHbiSZYj7DBtEtd64GbpYMUo6WeugW+7EGp9F5arKO7eGqPqPcF1zBNxdvzB"
    "pAvkvO1a29XBXi7He8RnKXbn71nGC1ZoxywVC31syPOI1nvAkn7NFmT+3aR0pF26818foQ"
    "zNJXkBxvhtkzcUQn7A3j1ZGvO60lW7ptc6wMfe0MuDM+xaJLQw+x2jRGXf/+YE9Bzm5TbC"
    "sqELE2Zv1rFp2pF2ZC7m5FrDwHy+rDqED0s1MpErIr6DQbTBd9etJIusR3WRZGlxzWZAyd"
    "NDU0tI7yoV8GgZcgbHuTuhGbUJPusOCWOCv5SYkdyCyFOL328IMeR2xBnN42rjrE6dXASh"
    "M6nmoMwyuELmwujKx2F2JKlFCCGDoaKgQ5ienHTJdVXL+b6pZVyBtShD3yaR3svzuOWYP4"
    "pYwr3H0WbYIlKX3UwKbHgoAZlQ2cp+xD76ym/d4JcxsVR3cO8NLCyRJqKJ2sUDoZCgBAAY"
    "DXRbCNIV2SsKLbi//9mQvx3W0JEKCmcRVJ2g9yGdwJwv6danu7VTMpSlMpcuGKDAubtdC5"
    "H5VE4Sxd78LnGomXxrZJmaMMdoasf7u7mW45uuNqYSF/X/hSOf6kxNt8CMaF4xXF3xQdCL"
    "4Kgu+iVL/6iSij7R/baOpQfNQd4qiF4SZJemSugDJEnUFYNPBVDB1fUACiEJG/UWhTXnkF"
    "bLN0AK5McIjq4ythmyUDaKHWW4tqvTlEVoZTPZWkWg+RrmKbONMhR6d2cKvl6Eh5cQ0I9z"
    "A2NItw9gyqgLCvedWAbo87WGVRTiqrVbhELHTVcsZVjwbvKLw5IbX7uXwdWYmMa8PxRCGP"
    "se8GBvgU4Vu0wF0TsYt4oh7JXSU7bYNodXFfxdxR7gVrKrOoK1A1mw4Shn8NpOkg0c1heT"
    "pIctjSVmzXoiNZEOeLRNcyZOiubtGxhxFnoWzudw1LNVFbSvFgP9iniNEX0VqN2KJNmRE0"
    "K1uMDCdw0Jf4mhZeGyKGXcL49iN2dO0N0m3zwQ4bnmFOhkcjzJXUZ+x/0kO0+N2lv/+Vvx"
    "XDfngi4iQMCyjDaR3kTrD/dnxKpJum82DryMYvojnbEDkUUcvEbPGGXGCaIxEWLhAuaqL2"
    "ZRAF7OX+niCnBUpRQ4pL287OHic7QIrLNq46pLjUwEqTTcjVotfXilmvgCTUoO5lVstBpS"
    "CRg5IYkYN8iMhKSS3rJbS0DuX6MlpMfa45Hhtj5fCyDCUEmCkEmOVVieoHm5S2T9u6tlMu"
    "r20qwCwnBs98Hua0wi6Xyguiq3OUa8b5tm1HqwX6Ji0dq8HoyloAbFWw9IhYsprEpSdZTA"
    "NnmMIZ9poxem37ziGOrNXQlsSRvVYcTtt2MATitAXhioE4xSEMTfqxbvEzwS9n8+CwyHmy"
    "kreHZb4s5g/UjHgkdAjtEkMdglsGDPTgltn6VQe3TA2sFFwHm8pLn2FGqKlxIZMVsKmCRM"
    "gM3VZbqUIwsC0RnpZCGFJtNYAml1bVSiIsKLYauI5UA7q+ubgabIRJNlAIiGuahis90ot7"
    "SaaI2tFAUjy2Nw0kN59f3jLTSdM2wI3mN7YM2/rSG6sk1UBqQxnmjYag32HHCd4zZ7aLbg"
    "3LTHZOYhBY67rE+oZgrQO7DVjrtn7VwVpXAytN+DXpE7a1ie5MVFTSNFU9aunrnlANF7LH"
    "32YiuWsFXpWm7CGv6ghvijApZU4MP/MvY5UjKU1ZwzK3U0PrxSqLJnRqpowEBYSKLbdleE"
    "4t9bAqdvprG7hVjRmJTZUyZpyd3p2dnl+8VnTNXRBsmdfPQ8tSiXIejQDNvEsf8hA0c9DR"
    "QDPf+lUHzbwGVtqW9OYWaeOQ3dy1ECXixK+dQ7k0iSlNCJlMCplM4WtrfuMt4s61KbXdic"
    "RBWciNS2bYHHfeP+wIe2Z44QZWx7qAeoOn4H5HcMZTzDgAhmhFMqPM1SbUYypQF08AuzqH"
    "drJeKLWIIckoKw6hkhJDKFWKwdcRSsX/IJe4ns871KwWOUIIrFpqjEyAVoNN8jI9W7eQrm"
    "qZzO+zNaKtuNj3xF9qzVCrD8EsHZTXC+Os0rVYHFl5bRWEzvgUt9igzOwrSCae6cw/n9aE"
    "6jyeqK9QzaLSuGsipVJit5NAJXOA18Qqk3fcj6Oh2WjQuFaBzN+ULGRQ4nRKDQPPU5ekti"
    "F4nsAHAZ6nrV918DzVwErB8wSep02C20xyvN8b0MCaY9CZTCAvtl5KSNthuxTP67TtMmdc"
    "q2L2SXZ5XFsJVeqL2RXNKldPWnsNrb2LaMVNaNbGKdHMpmPM+FUU9kXlO4nCniqLV6ywpy"
    "rxgcIOCjso7B1W3UBh38ZVB4W9BlYKCjso7JsEtxGF3eBojKmsb0vJ9k3Q9BDn+jdxG2uO"
    "5ZjE4Ob2+ub67uK8KVNH42XHPGeGbdGYVt5CpATtHOVKqLdMFW8ab64iMvrMQVOrQ5gh2+"
    "4+I8xxNcMiNjF0S/Mc1ZqOhRNsN6qW6OWtXiEzRwgohmBo4pMlQgHQLYnJbklfnOJ5IMNE"
    "IcPE7zCkWbqszuDy1kQxIWCujLkyG4HTbfHl2970UVZOolgcyxH2UBqrpMvtlehye3ldDr"
    "sTYjhaIGBxcYDhkQrsBeQAfiXwHZfOZvy7Z1h3ZPyiTNfLUvYS8oqYl4KeQ50feqK7pu53"
    "LlQ8FnO0cDIqnIyQBNWoSTnYnCq4JigA0KVZZQKtPLjK6WT9DG0ZZvLJElurQqs+SNh73Y"
    "S9TeeidQTzV8+v6iZOm4/U6iJOujklfmX7NXGKY7BOowk76E573dC2BXJlMW4pfCsEu2l6"
    "imBZ2NvgFMWkSJC6fPWQ7iLdRglmj6gIfUPuRFx2HURfbLTDH8OJ9o7fvEfxQzldIPElwG"
    "/iGQ92YHxBOw/e0Q+77x6845PDkzdoTJHL/5vwB3l83zLizsWMLvInMsOfFw/9zkEWMTA/"
    "2d8OhtJYvy+5HrWZQ/B3iAaEaMA2srcex4VBNOA2rjpEA9bAStsd7SPJdDq9ubm9/qW74T"
    "6tCD9pG5eCSIlXQRF8xOAj7oqbUhw1K3kpM4S9BLwRJ+Vru8radkjV3kMrY0ioiG6WDLBd"
    "7jZLJX+u6dlJ5Zt2DOaqjp3sHmu5+6yrMNfgP2vSNu03QpJYo6MGScX2Z35Hi7oxQa51p7"
    "joEKyrYGcD6+rWrzpYV2tgpenehKpJwUma3uVc198sd6Y7zgvlQo9qW+IcYQ+zg/ePjqpk"
    "YR8dFWdhi3uZZiZUWr24uFhaTAAl0lLHQB3tHRZlyrkuobQqeUpYntqXJ63rKa2PhBQWqP"
    "YFWikZ41WyMKJDu7NJGCM9SO2kYyKLPCyUMHN0m5MzdzsiZ1rUEP3gPdslkpTncnUtSwvt"
    "5NvcTt7SHTf4FFbQzHPEsNZtXutkVVs1b5GEEtKslvqLZpn8KEi3quDNkGy1NdKBHFxHYs"
    "IdhmwEBY/Pr/hxQunTQOL0iW4Ny/w+L4lB4PbpEjMcgtsHHADg9tn6VQe3Tw2sNPERMYkW"
    "XuLxYTLFuxf+h2pBivtlQYr7kiBF/CzM1sFkOaCLTaoZMjCn1m5OdTA//CVHR0mobkzRz/"
    "1fbfurVEEGk/XGTNaRJPuoVnI6RbXBLKmmuEhDmzpniqliIeDaJ9/IjKxb5CHUbM+D6eYd"
    "ZDWvaSuIYSu2GSSRXWo70Mzk6KUFC65tjPzDHI0oQ5T/Fs4zRC9MlBYQRQX8CgB8ItvRgy"
    "OXjvxLxkS3xxgRFzE8o8x1/Kz/VLGCBuZfbt74kkittPE3l2tSLp7OxL9BfQGwfYDt49W5"
    "To+1YLB9bOOqg+2jBlaaVc0d/IdEPCPjQkxTZH1Kbvthf//g4N3+7sHxydHhu3dHJ7sxwv"
    "lbZVB/uPwo0E59JkXw+8gpaCxpqh4q4k3EHc8tKivLec9Ft6KI45ikFxCXHQIXv92XG5fi"
    "M+DT9dXHaHjW4pQJpjS5OEy58G3MtSespJJLSHsXW39SRS0/KdbKTwry75Wsea9RHObm4u"
    "r88urjZqwfDdSGCdQ8lZDIJAlEQ2bPwKzyrCjMS8h7KNF3RIKvHhSJGaNKVVnSVP2rEHJU"
    "yU57VGKnPZL0MBCgheVV5J1Ei2u+S0ghKjHPvkJT6EqGiCwtBPi2mW9Fxm8lG26aqE+qcl"
    "NxvYn4xDVDehPhkB2DuGo4b3p3taowySlmxJgMJB6n8M6wtDjJYgzEqHbpwx6W+GkKbbfF"
    "Ul+x8babRpgNJHyLj0oB4XB4D9FtpMghf6KLbYmkVxzHliDZfAzb68h2tUWrKQSd1H+Y/f"
    "n/FR8Q4A=="
)
