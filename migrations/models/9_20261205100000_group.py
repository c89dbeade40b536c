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
    "eJztXWtz2zbW/isYfakzo2Zj+drsvjvj2E7qNrGztnvZjTssTUISa4pQAdKOZrf//QV4Ey"
    "8gRVikTFJnptPYJA5IPwAPzv38dzAjJrbZ65O59SNeDN6i/w4cfYb5D5k7QzTQ5/PldXHB"
    "1e9tf6g+t7SHcNA9c6luuPzyWLcZ5pdMzAxqzV2LOPyq49m2uEgMPtByJstLnmP96WHNJR"
    "PsTjHlN778xi9bjom/Yhb9On/Qxha2zdS7WqZ4tn9dcxdz/9qF4773B4qn3WsGsb2Zsxw8"
    "X7hT4sSjLccVVyfYwVR3sZjepZ54ffF24R8a/UXBmy6HBK+YoDHxWPdsN/Hn3mvLawNNu7"
    "y61W7ObzVtoACQQRwBLn9V5v/1E/EK345294/2j/cO94/5EP814ytHfwWPXgITEPrwXN4O"
    "/vLv664ejPAxXoJqUCyQ0HQ3D+4Zv+NaMyxHOE2ZQdoMSV9HP2Rxj1AuAz66sER+uds2AT"
    "3/A80rx16ES16C8+3Fp/Ob25NPn8XjZoz9afv4ndyeizsj/+oic3Xn8JW4TviHFHxg8STo"
    "l4vb75H4Ff3n6vLch5cwd0L9Jy7H3f5nIN5J91yiOeRJ083E7oyuRqjxkctV9+bmM1c9TQ"
    "mr3qVVf8SUCTSqc9EExWpWWtfi7raalS7h9P/NYXk61akczGh8Bkn+il38TGb6V83GzsSd"
    "iiV786YEup9Prk+/P7ne4aMym/8yvDUK7qXxnVM8tr6qILykqAfjlz350wgfVgE4y1wS+B"
    "5m4WWYn+CuNtXZVAXjDFkPN/PhfgWoD/cLoRa30lBTYmOWB/mHm6tLOcgxQfaAtQwX/Q/Z"
    "FmuM+w7+MfYcQyCI7j3Ldi2HvRbP++egIfBLwBYApc7WCOSdTye/ZvE//Xj1LntoigneZR"
    "YDf51b/PYzZJ80ZQ2yT8hO2vIZdETUiTAplXUofiQPz5Jw05Swym1eZVtnruaxZ61zlhZW"
    "us0rHVkb7hcqwkqaanOyyqCpwzItqYwqid2jErF7FIjdwuY2fkgYiMSFe914eNKpqeXukB"
    "EpGpu/NRvNsld0R5/4yIk/UvwFkRnSMy33dIqNhzkRCqbMUpkZMiw1WYrBmpEevcp2OThB"
    "zJo42ETM5dtihh0XkTFypxgZU74Q3zA0xbqJdhj+E+mOiYQo/Oot4q+BHfNb4tgLLqA9YJ"
    "8CP3Jy9nqQWdwmnnHn3Dm/u/zocn5HFkM6Mshszv9Q9MMvN2jn3BwdHOx+N0QmmfEH/E08"
    "nr/L6/niFSJczfdnSj7t72IG8S53DsVP1HJd7KAxJTPEyAwjH0+0Q/G3YjA2+SwUGZ6L2J"
    "RQFzkE2cSZ8HlnussXgCHL9VFYbf/9wlWMPwe/gRl4k2ZgAXkO1XfWpBDYkGBzVqHmwf1u"
    "NNrbOxq92Ts8Ptg/Ojo4fhOjnL9VBve7iw8C8RTLzZuPVBVv0LgVNO4HGZcoxvZByicAWh"
    "m0/hGTB/cWfy1gFTFBL+AtE6rPf70tN1fEMvXHq8sP0fCsDeMvqeArU3BWC75S1aabwKf3"
    "9d6owr7eGxXua3ErDTQXgiw+mYRvvCPExrpT6CKJyTI433O6poCOr2x2i7+7uvqY2uLvLr"
    "J7+KdP786vd3Z95Pkgyy04//gOZTJnVPGmXlJsUJMTWulmtLl6TPxtUuXOhWYyKNLigrvD"
    "1Qocjgc2GXfyZcCfYrmLYFfxe+GvXDTgI78MdN8oHvxMDMOjNOCv0U1C/aGFesvLitht0F"
    "42ImAX6zjJRVPgOhkyOEsrnKXB5xB9SFWRTlP1EOj6nbgx31GGeQ2Np2Vm7qYVngAv1WiP"
    "NBWYnotMzxmkpfFJpSjL45P6wC7q38oZCacqyhmyHkJd/xG4lB7VgQbeXHVD3+MxoVj7Q6"
    "pJFpukMmR9QHrTdil97GKqDHyaCnBXx73IbFKM+Zpmk63Hm//ZzFVk5GmqPuDeNCefU/yo"
    "HIyaIuqhWFI/zOB1rBncNtlbv8d62uaYuzlcbW2dRuNWBspcORhR8oSmxDY57H4IiYiqy8"
    "SR2MR4ELctcYNaum0xzMJQFkloTG2zti3VsCtmWggy6boNHNh939n9O0Iegj89x+yjW6Ws"
    "/j4xqFan2peBYVvYcaNUca6VYOrotkbxOHCOpVxuc/FkSzwIRyZpZkyx6dmYIxR625g3x/"
    "TRYqRkSPKKGOHqrscgihCSydvCi/qbVgzJ5Nu46pBMXgMrTbDO1KlZOcwvRQVCWxUXWFIg"
    "UYA6S9dDsHdHx1XiE0bHxQEK4l5mYxPHFXvUtCaYqcWw5ih7iHkD4QqMWVz8FU/LgV2ccZ"
    "6mgrTzcj/CM9LO55QYXEWhmINuKnnf85Q9/A7qd8BnVcK8YFpgdMrQlYmlHYS9BGYhVhaC"
    "yJkDVRbwJeSQZt3mNGuGXTe0C1VlTwmSHvKl+kM28QxTDokhEfRLE01SdJBpopBpMjNdVW"
    "k/QdI/530jcn5ocVVhHDHFBqNjb06/Pz/76eP5WVNyZdPsw9AdA9v286ysGVo4i9t8Fuu2"
    "TZ6U8xETVBs8JF5mSWs8I0xsWMI6qRzRmCPshRC06Sg7gaIp1ATVEIEMIYQKPDtUwNAZ5j"
    "KPQagpDXYsXII84bNWoWUnSd0GfomnuyK+Eso+bfPaEGacuashm6AARGWIZgMvquKapQOG"
    "EICbix6S84c81O8JxdbE+REvfMQvHGGrN2TG4DAK6HNmuo7t5L+iLRVdXe4Hqj/F8Twy3s"
    "ix4AjgQNC75lL49cXp7aBgX28e6Zbt6qpA5z7pKjBbrsTRoQzwjdVlQ/tqZJeHUAVME8JW"
    "DdCe8tmu48n6uXPz4mkBzMWRnImwQb+kosTM9S4kfP/jNbb1gqTkdITmhT9Xj3b2XxuIeA"
    "1BK457XaK6MvpVs5ZjK1QFNaa6M8GiTqeOxp7rUYzCib5hKDIDIEMXNYXR/QLxAwH5KRX8"
    "14D2rX9NJDfMg7MiUxO05ifcOTsh+TC8/WqInqaWMfWTKoLthJbLiB4wnjOEv3IgbDG7gY"
    "sSKb4sMfQ/qWB6La7cma7nGRt6SwvkQEguhORCcCaE5MKqQ0huG6wfiTMtL+6VmKTTdH0y"
    "LG3aIh0AqV4VKEfYC59M04GjhE/zPJ9jhhL8jtX9jg5+eiboGUoAvTroYr8+2+ErJe4Fg9"
    "m001fs4Gcvg5QYluEZy9CRyK2rz+eXg40crU2U6XzgQruNzYlyCyMJaf8iEhuqJplATl0T"
    "lpBDvFyb4+XSFsmKGnCaqE/KWlOO6kTpiDW9T4lKFR2DuKrvKb27lP1OG/Cn/CLacw2K3S"
    "nB/WEVb8pTPLRq5ai3y+JOvhvDL/H0NCUMIzweY8NFIh0wmJ6Juk/oHmMHBc48bL5GH4Mi"
    "UDlXSs3z3zmcdqY/YIawbkwjP42fmMeELybpMkFTrpI9+p3PnAV6IvQBU4Z8cKAsVRtdJH"
    "4jUGUrX5KqT8fGBmx8LamhdKpz+dPU6Zm+kDHA5O1S/meEAzUzHFnBlywkRs6cdBfdU6w/"
    "MJ9RfSJ8msW376nF/0HUs/FbpKPvrz5enJ38W7AqHT1h/CBuEsp/+eXq+kd+R+JIrnP6O2"
    "fnzjs23uzdefvj3V2fD37rzfkzROvIiIoj0EruBv5f8P9unycQ/L/buOrg/62BlSZyknSJ"
    "oa64bkQ4vO5yES96OqkVi+CqkmLXVaevbVerJFgXp1fnkqtVmw/1tu3QbiVD8W6JoXi3VR"
    "3vIyXj31ingxIlxL9fTQtZREMrqCFibGgQmRJb6AXML7FdJPDzuxQjYRd3AtvKjWhfj06J"
    "5xiW/Q1DDnGtwOSX0UgaetKdw6bWfI5N9GS5QVjrnBLTM1y0c/X+/cXpxcnHV4E6wx9u4+"
    "A9sONiGoTQCgr+VnPL1W208/HqlI9/feecoLFli/LiJpcW+A+hNkU9hyG+MwmfL/iL+FOJ"
    "5/JfRcytxcTTH32fpG6DPgT6UKdOsP5KxqAPbeOqgz5UAytdwhkJFhWxjIaDByIff0atia"
    "UU0bqkAGVplbLEiEcNLnJZrq2kNGXpeqc8NRJlw1/Cm4kyvY43u5elrhcDLiHtHea1Kayp"
    "WiLevW2xqXJp0yzdmraq7sQyhcaq1ij9cda1VOVP5mSXKfypTPC2tXGZYzomdJbo0SKpY5"
    "wbw3VpjYy1ObUeLRtPJKNAXQZ1uRXspseKE6jL27jqoC7XwEqhowt0dGkP2NDRpQ8bHFqH"
    "bLh1yITqMpxvZrptFx6GMVGfooH3RkeH8UEofik7A28+nXz8KKl8mtTfpPJkwebN0G11I5"
    "YlGOpCeZYW0tjanMYGLVigBUsG6vhKZysuiH4qpsUMT6RLKaKeowXkFZA3yGxuW0ZcklIB"
    "+Cwp4K7UUEJ3p4qAxzSAtALSnjO3dcfh4g3FZC4AUt/qhXPASiishG4KiyDW8CN2JFJqed"
    "+aLC0gr1LRSOI3UwBf6nYD/J+PP2cjOuMvoiLFl83Ru7iIg0pxEQclcREHkrgI6LECPVa6"
    "hij0WIEeK60uYgM9VqDHSse38OoeK8WRgLnKV/V0/+jPNlZr+yGxwmqEq37UkrncImCvHH"
    "xL+P9Ww3sezXqVmLRHQCvFmbq6TSYe/jmM05FGm2bGDMtjTsPRWiL0p97IU8iOhHDPNh41"
    "PQ78g3DPbVx1CPesgZUmSnQUpD8VolmY9AQZklw29MtzWo9YG1Myk7OlAh99jnKr44YcIt"
    "MPSyrHhOPB4FzF4BykjKrgu6ToHcLNFHE3TVnASCFXjcdv7oR60xGeSvGMK9oqYCYoAE55"
    "dyoVOBMUAGebCgGT2cxyXYzPwn4yA5mhJDdoWGopiYbHTWoaN5V8GTDv/g8u/ATbaoji36"
    "HtKhhSWiO/9lilBkPKNq46GFLqlauik1NFrUoR9TAHohHdaoaxSBtRTMtKU221cYV4Lt94"
    "Shs1QdLDbVp/KuYjcTHTxrIokmL2mqQBTSvLYAN49Al/gCx9ewWsCTqAtgBaruXpsvp+q6"
    "Bd0gG0uQwyy/EESIpFHjJkYHStIhgwa+IUNCr94ebqsijQN0GUFQssw0X/Q7bFGtvHg3+M"
    "Pcdv+I7uPcvmIgp7LZ73z6bWoQR2AVJKecm16c125B2mtRIxQa5Nb8a4U9njkKEDsaOC2J"
    "GwnFXn4mkiiHZXt/ImHMCPuu35oX5rhluexxNVgL8rgYDppJcwX2hNoD4nk796glOTXoMz"
    "PNepK+rXDiTugsTdYZmfwEyPg1DKLnG2IXgAwBYMHoCtX3XwANTASpMeALUqd/XWtnvZU6"
    "lhvab9jeS67VIx9YXGPDrBdKFxoY/KA67Ki8AUTAH1GBTqMUCeesOp1JB3urm802QC9tpK"
    "fi9T1htV9PMZpRJ9X5p2Wqz2y3NfQf3vFHscgvoPiiCo/1u/6qD+18BKk3kqouyZipa6pO"
    "ihnrr7pmoLudIecjlVleI5oa5mcqlB5ugvZ1c54h5yrI5wqAiT8qLiru56StUIlxRNfVM5"
    "cW/w+fzy7OLyg3Z9/vPF+S+DzXxetVcXp/jRwk8F8TNlTCxF9izUW+aX3YDBLUZNXeTKkE"
    "JXhDYzsGCxNNV09gxZLz+qil9V6WeV+64S3UXV7Kh5QihvsX6yq3Rh8qsSlUmraH1Nt5rt"
    "1IpUtcDmt2MVQ+x69sJlxJnMUJiKRyuxEKbH1dzdN1Xp21gIlpDt6gv2QrAXtuPA66/lCO"
    "yF27jqYC+sgZW227YhyU8JjRtdtWr4gpRBPFljl3JlICaCCvXl7bnU4ZUSA8wF3biU8c1Q"
    "AbAVm28pA71iFgB+Ra8tZcALqAHoCq2dVLEungDgluR5Y/48g2nqpTXzlP0z9zbhrRK1c7"
    "BjFrRNLLOtZyn7h3dT5vUXqBzTapzrz3QQZRdNZSdsmqp/ODfig/Xtx4peogQJhNtLFZag"
    "aqgarBkqkC/ywC7FMMUGkWky2LTSyD3m2X5xuGeiXDwBbOUK3Q0Lm/8+o+Fe9WIQbdvVVV"
    "3D2S1Wodte4CldH95rPyzlNJqtpwAnD/kK4CYLZa+Jr7RYd7eYRVWQM0d+BZwlTHbDHKOj"
    "UBefTsrJfU3mq31P2NxydfsDJd58IAlBSQ8YlkWhTMOh2iQeuyoSZXCC7ryDvb37O+/4zc"
    "H+nbc/Ptj7W3TpYPdoN7j0Fok6kpbr+UWe0BOhoi0miuJUkMc3A0U6srFuJoe+HmQWdSMP"
    "hPw6iJfpyPHc48gJiJfZxlWHeJkaWCmU14HyOpsEtxFLMxfYJMJUMb7R+A2GeX06P7s4Pf"
    "monXz8eHFyeXo+6NBWVkhRSIi3CaE6vzYqxUkuljP1R4lstDTJhYlnc+KKQiJhHodE3csP"
    "GpapfNZyeCLPpO4EBD4VodoD9v1s4h9IP3hJdSq1HFW5a4qoh0fY4X4Fpnq4X8hUxa3M+a"
    "UGcH+h3R0dVwlkGR0XR7KIe5mgiihyUAXjFFEPka5/E4/5wzGdU0sWBVcMdIYMoK4AdWBx"
    "DkBSgDpD1kOo61fdQsye4a6GiIBVEQHaH9KCPrf4azmwf6xT1aed+oHUHnf+623KFJdrFx"
    "Ob4z5eXX6Ihmd7yGSsPGAg3xJT6VqFBWrURRPau0wLTSv3JfpnZqCCv/Ho4LujO+/waE8X"
    "/z/eR0+WO0WWyxB5cviow9Ehv7+Pd/n94/v7Y0GHx+JnY5fji42pv0ORbs4sJgzISHdMNL"
    "ZsvpuGKO4xysTlEi/kJl/jzhE1ZtGc2JaxQPfYJr5Lkz/t7/4TDX029xgfuyPGsVfIcrgO"
    "brmIq+IhFfg3W6iQA/veFvYN/s1tX3Xwb9bASsG/Cf7NTYLbiH+Ti2PYMTDnFCoop6l61+"
    "K2frOajR+xrYRwRLBBcH+6/HB9cnZ+thmQ608stVj8zjmkSxvgpAmh7Y1C2xsOnR+oq4kY"
    "VnXY07SAvALy4Wtrj7ptmZa70GbEcaeSgIiS3L3CGTYn4432OyLkUbwskKiOdQH1BmXpUU"
    "dwXjaqCUu+T4kna0JUCHXxBLCrc2i7IvSG6nSRyDAx9YUK3mVTbA7x7950BPHgyFMyYSZJ"
    "IC11ZVpqnDm0ZoJZLmupWyhXTTJL7q41esZRPLHEg2oIywx6xhn4OjFlB9X3wgDNdJXDwF"
    "2yHmIVuxp2ZIemY6ye+F8beajWhOk2mqenWMU4abEnry7ETqIJ+/QhNumdljIxiZu6iNkV"
    "+6vnIYVGsyQrPde/TDHFSEfJBp/IYiiYid8zhSs3uMsw2rnzDr7b1ZOu5aQz+dVbPlWUDo"
    "50l/8WsLOcq3pDz71zyBjpTjKXFjkYmwzxByJfz+U/IXfKaYRn6jX63b+ojSmZ/Y4uxaj/"
    "Q8ziYgHS7ScuxN45O6mDDc10E6MxoYJeD2bCX8XfYKJ7zK/jdM6vaZmvKrq7v6TaroYHcm"
    "IyceU38ImDT7wVPLXH3lHwiW/jqoNPvAZW2qnEyc/XF59Orv/dVXfXUnKRs6mCTZuiKmNR"
    "ndWRZAgLDiPFz3NcS+KZXQVgTLbNCKr2xlurKV6bAwYOKoVmHJSEZhzkQzMyor+CdJ8jhE"
    "wRaV3OnLZVEWAJJSBcpVzkErYazPOfM9N1DOyq5nnJZqtQci+T07Am1Gp1ErqKdJ5vtqrK"
    "Xmq/FxoSl9/DKgNiYmStpRYgiwMsVm1kAz22XYDFahtXHSxWNbDSVFfH8VgxED5JA9kcGZ"
    "0WsjnK7IGVTAa7JSaD3bzJgAt1smrxxQDHBD1EeFQtXaYkWwaSZV4mWSYE7JkG2gLybTbU"
    "xhEjzCBqhX3ylL3bwI3k1aVx00TGpyQS64ebq8squC/ps7vYMlz0P2RbrDHxbfCPsecYfi"
    "jNvWeJbgTstXjeP5tanZLFEHilhPNc3ZpsiZqM1C0myNWt4YBNCFWqk5ek2eAHwRWG9+83"
    "9VXUfXq2sWt6TrgenJzeXvy8oRq69fuEHT9KTbc1fvLNdPaAlXzwcureMfwmWj/OderORG"
    "djxe55GTpwI8kU8zk2LN12F2rgZskgc2alh265H2twGp2lJuvYHq7qM8p9wRV8c/HGrAHk"
    "m+Rc3drLVSHOfsdr5CjdEyI6MK2ZE/EumKVHuzq9Pb05po8WE02JN4xXR3ZoRn1YO3vrlE"
    "+xLJTf8z21aby6uKcgl/JZsMX552tj1r9etJlyRCbkVFbEymNYVn5CBaKfWKUIta6g02yQ"
    "U/TpSSOcEt9lWXhTcliTsU3SlL3QasWHfhkE1tuwq0bqRmzaSropglvirOQnJWaQ8QfxU+"
    "3hBz2OpIH4qW1cdYifqoGVJnQ8Vd/yC7iUNxfeU7trJyVKKEEMDdMUgk/E9BOqywo638x0"
    "2y7kDSnCHvka9kZHhzFrEL+UcYWbT6ILqSTVihjY9GgQyKCygfOUfWjN07Q/MmFuI+Lozg"
    "FeWpdVQg2VWRUqs0JiNiRmvyyCbQy1kYR7XJ//6ycuxHe34niAmsZVJGm7uVVwJwj7d6rt"
    "vqka4V4a4p4LI6NY2KyFzn2vJApn6XoX1tRIHCt2TEKZMtgZsv7t7maacejM1cI64b7wpX"
    "L8SYm3+RCM61Irir8pOhB8FQTfZSVw9RNRRts/ttHUoXivM4uphUcmSXpkroDyMJ1BWPQH"
    "VQzpXVIAohApvVFoU155BWyzdACuTHCI6pYrYZslA2ihBleLanAxS1YeUT3Ev1pvh65imz"
    "jTIXeidnCr5U5IeXENCPcwNjSLcPYMqoCwr3nVgO4pmc0s18X4LGyF0F+Uk8pqFS4RC121"
    "nHHVo8E7Cm9OSF0jx2rZ53DNqOnzeKIenX4ZVwbzREGFSYGzuDG0OrJN5d+03BfRVH5HV6"
    "BqNig/DMIZSIPyo5vD8qD85LCVjYquRL+eINoSiZ4+yNBd3SYTDyPsuHTh99RJtRhaSXHn"
    "3DkniJIn0XjIckQTHyNo5bMcGU7A0Jf4mhZeGyKKXYvy7Wc50bVXSHfMOydsB4Q5GR6PMV"
    "cVHrH/SQ/R8neX/PZ3/lYU+0FiiJNQLKAMp2XInWL/7fiUSDdNdufoyMFPonXREDGCiG1i"
    "unxDfmwtkAjOFQgXtRj6MojCpnJ/T5BZAIVaIdGgbWdnj0POIdFgG1cdEg1qYKUJ1qkYQ7"
    "xW5HAFJKFCay9zC/Yquer3Sjz1e3lH/bNSC9ZLK2gdyvXlFZj6QmMenWDlIJ8MJYT5KIT5"
    "5FWJ6geblLZP27q2Uy6vbSrALCcG/2ge5rTCLpfKC2Jcc5RrRlu2bUerhVsmLR3Pg9GVFc"
    "jeqpDVl4zfadvugxiTVkNbEmPyUj76tu1gcNK3BeGKTvpi92aT3pVr/Gjhp9NFIIbn/CvJ"
    "28MyDwv1B2pGPBK6unWJoQ7BWQBmY3AWbP2qg7OgBlYKBu1N5azOMbWIqXEhkxawqYIkqQ"
    "zdVttOQjCwIxGeVkIYUm01gCaXVtXSpZcUWw1cRyqFXH0+vxxshEk2UCSEa5qGvBF7cf+v"
    "FFE7mn6Jx/am6dfmc09bZjpp2ga40dynlmFbX+oTBNy3OjD6BjMWvGfObBfdGpaZ7FhiEF"
    "jrusT6hmCtA7sNWOu2ftXBWlcDK034NckDdrSpzqYqKmmaqh619GVPqIaLXOOvc5Fy9Axe"
    "labsIa/qCG+KMCllThQ/8i/jOUdSmrKGZW6nhtaLVRYNqtRMGQkKCBVbbcvwWC21cip2AW"
    "sbuFWNGYlNlTJmnJ7cnJ6cnb9UdM1NEMae189Dy1KJch6NAM28Sx/yEDRz0NFAM9/6VQfN"
    "vAZW2pak2xZp45Bz27UQJYvFr51DuTRJNE0IOaIKOaLha2t+Ux7LXWgz4rhTiYOykBuXzL"
    "A57jza7wh7pnjpBlbHuoB6g6fgqCM44xmmHABDtCmYE+pqU+LJ2oMXQl08AezqHNoWn91y"
    "PX9bqinEOUKI2Vlp50qAVoO56yI9W7eQrmr0yu+zNQJ5uETxwF9qzSied8EsHRQFC0N40s"
    "UnmKyqqwpCp3yKa2wQavYVJBPPderOsKBZC6qzeKK+QjWPaoGuiZRKTdFOApVML10Tq0xK"
    "az+OhmYDDeM0eJkrI5kjX+LPSA0Dp0aXpLYhODXAvA1Oja1fdXBq1MBKwakBTo1NgttM3r"
    "XfksrAGjPIXCaQF+cWSkjbkWEontfpDMOcca2K2SfZXGxtJVSpHVtXNKtcAV3tJbT2LqIV"
    "d91YG6dE946OMeMXUdiXRdUkCnuq4lqxwp4q8gYKOyjsoLB3WHUDhX0bVx0U9hpYKSjsoL"
    "BvEtxGFHaDozEhskYVJds3QdNDnOvfxG0sZ5VjEoPP11efr27Oz5oydTRe0cpjc+yITpzy"
    "ngklaOcon4V6y1TxpvHmKiIljxw0tRJ3GbJtbqwwtihzNcO2HMvQbc1jquUCCyfYblRt0b"
    "xYvfhijhBQDMHQxCfrN3PXbYnJrixboXQeSF5QSF7gSHKuaeuyEnarliBBCJgrY67MRuB0"
    "W375jje7l1UqKBbHcoQ9lMYq6XK7Jbrcbl6Xw+7UMpgWCFhcHKB4rAJ7ATmAXwl85pL5nH"
    "/3FOtMxi/KdL0sZS8hr4h5Keg51PmhJ9oJ6n6rNsVjMUcLJ6PCyQhJUI2alIPNqYJrggIA"
    "XZlVJtDKg6ucTtbP0JZhJp8ssbUqdIGDhL2XTdiDKKT2RiF1ESfdnFl+QfA1cYrji06iCT"
    "voKnrZsK0lcmXxWyl8KwRyaXqKYFVI1+AExaRIkLp89ZDuIt1BCUaGiAjrQu5UXHYZIk8O"
    "2uGP4US7h6/eovihnC6QZhLgN/GMOycwLKCdO+/guzdHd97h8f7xKzQhyOX/TfmDPL5vqe"
    "UuxIwu8icyw5+XD/2GIdsyMD+1Xg+G0ji2L7nWnhkG/xtEukGkWxvZW49jniDSbRtXHSLd"
    "amCl7Y5kkWTxnHz+fH31c3dDWVoRWtE2LgVRAC+CIvg/wf/ZFRecOGqe5YHLEPYS8EYccC"
    "/tBmrbIVV766GMIaEiulkywHa1SyiV2Lim1yKVS9kxmKs6LbJ7rOWuoa7CXINvqEnbtN8/"
    "RmKNjvrKFNuf+R0tamIDecSd4qJDsK6CnQ2sq1u/6mBdrYGVplu6qSa8Jml6l09cf4/Ruc"
    "7YE+FCj2o31xxhDzNfRwcHVTKMDw6KM4zFvUwPCCKtzFtcCCwmgPJfqWPgueW/5CW4uS6h"
    "tCp5Slie2pcnresprY+EFBao9gV6VqLBi2QYRId2ZxMMxnqQtkgmlizysFDCzNFtTs580x"
    "E50yaGaKPtOa4lSectV9eytNCFu81duG2ducGn8AzNPEcMa93mtU5WbFXzFkkoIYVopb9o"
    "nsn9gVSiCt4MyVZbI9WF4ToSE24wZCMoeHx+wfdTQh4GEqdPdGtY5vd5SgwCt0+XmOEQ3D"
    "7gAAC3z9avOrh9amCliY+ISrTwEo8PlSnevfA/VAtSHJUFKY4kQYr4UZitg8lyQBebVDNk"
    "YE6t3ZzKMD/8JUdHSahuTNHP/V9t+6tU+AWT9cZM1pEke69WTjlFtcEsqaa4SEObOmeKqW"
    "Ih4Non38jUWrfIQ6jZngXTLTrIal7SVhDDVmwzSCK70nagmcnRKwsWXDkY+Yc5GhOKCP8t"
    "nGeInqgoLSCKCvgVAPhEDtODI5eM/UvGVHcmGFkuonhOqMv8rP9UsYIG5l9t3viSSK108F"
    "eXa1Iuns3Fv0F9AbB9gO3jxblOj7VgsH1s46qD7aMGVppVzRn+UyKeWZNCTFNkfUpu+240"
    "2ts7Gr3ZOzw+2D86Ojh+EyOcv1UG9buLDwLt1GdSBL+PnILGkqbqoSLeRNzxwiaykpO3XH"
    "QrijiOSXoBcdkhcP7rbblxKT4DPl5dfoiGZy1OmWBKk4vDhAvfxkJ7wEoquYS0d7H1x1XU"
    "8uNirfy4IP9eyZr3EsVhPp9fnl1cftiM9aOB2jCBmqcSEpkkgWjI7BmYVZ4VhXkJeQ8l+o"
    "5I8NWDIjGlRKkqS5qqfxVCDirZaQ9K7LQHkvr8ArSwvIq8S2ZxPXMJKUQl5tlXaAp9liEi"
    "SwsBvm3mW5HxW8mGmybqk6rcVFxvIj5xzZDeRDhkxyCuGs6b3l2tKkxygqllTAcSj1N4Z1"
    "hanGQ5BmJUu/RhD0v8NIW222Kpr9h4200jzAYSvsVHpYBwOLyH6DZS5JA/0cWORNIrjmNL"
    "kGw+hu1lZLvaotUUgk7qP8z++n9JGhCm"
)
