"""Quality indicators and dynamic management (issue 17): the case record's new facts
(operation times, planned operator, MDT timing and participants, consent and order
times, unplanned readmission, adverse-event grade, the technique applied), the 目录备案
flag per catalogue version, the site's adjustment-policy thresholds, and the adjustment
proposals. Existing cases keep their MDT flag as timely (no times were reported) and
get the technique of their procedure."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_BACKFILL = """
UPDATE "case_record" SET "mdt_timely" = "mdt_discussed";
UPDATE "case_record" SET "technique_id" = (
    SELECT p."technique_id" FROM "procedure" p
    WHERE p."code" = "case_record"."procedure_code"
    ORDER BY p."catalogue_version" DESC LIMIT 1
);
"""

# SQLite: the two new case columns carry no REFERENCES clause, because SQLite cannot
# drop a column used in a foreign key; the ORM keeps the relation.
SQLITE_UPGRADE = (
    """
ALTER TABLE "case_record" ADD "started_at" TIMESTAMP;
ALTER TABLE "case_record" ADD "ended_at" TIMESTAMP;
ALTER TABLE "case_record" ADD "planned_operator_id" INT;
ALTER TABLE "case_record" ADD "mdt_discussed_at" TIMESTAMP;
ALTER TABLE "case_record" ADD "mdt_participants" JSON NOT NULL DEFAULT '[]';
ALTER TABLE "case_record" ADD "consent_at" TIMESTAMP;
ALTER TABLE "case_record" ADD "ordered_at" TIMESTAMP;
ALTER TABLE "case_record" ADD "mdt_timely" INT NOT NULL DEFAULT 0;
ALTER TABLE "case_record" ADD "unplanned_readmission_31d" INT NOT NULL DEFAULT 0;
ALTER TABLE "case_record" ADD "adverse_event_grade" SMALLINT;
ALTER TABLE "case_record" ADD "technique_id" INT;
CREATE INDEX "idx_case_record_perform_quality" ON "case_record" ("performed_on", "grade");
CREATE INDEX "idx_case_record_practit_started" ON "case_record" ("practitioner_id", "started_at");
ALTER TABLE "procedure" ADD "filed" INT NOT NULL DEFAULT 0;
ALTER TABLE "site" ADD "adjustment_policy" JSON NOT NULL DEFAULT '{}';
CREATE TABLE "adjustment_proposal" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "subject_key" VARCHAR(64) NOT NULL,
    "trigger" VARCHAR(32) NOT NULL,
    "proposed_action" VARCHAR(16) NOT NULL,
    "evidence_case_ids" JSON NOT NULL,
    "evidence_digest" VARCHAR(64) NOT NULL,
    "facts" JSON NOT NULL,
    "run_on" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "decided_by" VARCHAR(200),
    "decided_at" TIMESTAMP,
    "decision_reason" VARCHAR(1000),
    "applied_action" VARCHAR(16),
    "decision_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_adjustment_subject_run" UNIQUE ("subject_key", "trigger", "run_on")
);
CREATE INDEX "idx_adjustment_status_id" ON "adjustment_proposal" ("status", "id");
CREATE INDEX "idx_adjustment_practit_status" ON "adjustment_proposal" ("practitioner_id", "status");
"""
    + _BACKFILL
)

POSTGRES_UPGRADE = (
    """
ALTER TABLE "case_record" ADD "started_at" TIMESTAMPTZ;
ALTER TABLE "case_record" ADD "ended_at" TIMESTAMPTZ;
ALTER TABLE "case_record" ADD "planned_operator_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT;
ALTER TABLE "case_record" ADD "mdt_discussed_at" TIMESTAMPTZ;
ALTER TABLE "case_record" ADD "mdt_participants" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "case_record" ADD "consent_at" TIMESTAMPTZ;
ALTER TABLE "case_record" ADD "ordered_at" TIMESTAMPTZ;
ALTER TABLE "case_record" ADD "mdt_timely" BOOL NOT NULL DEFAULT FALSE;
ALTER TABLE "case_record" ADD "unplanned_readmission_31d" BOOL NOT NULL DEFAULT FALSE;
ALTER TABLE "case_record" ADD "adverse_event_grade" SMALLINT;
ALTER TABLE "case_record" ADD "technique_id" INT REFERENCES "technique" ("id") ON DELETE RESTRICT;
CREATE INDEX "idx_case_record_perform_quality" ON "case_record" ("performed_on", "grade");
CREATE INDEX "idx_case_record_practit_started" ON "case_record" ("practitioner_id", "started_at");
ALTER TABLE "procedure" ADD "filed" BOOL NOT NULL DEFAULT FALSE;
ALTER TABLE "site" ADD "adjustment_policy" JSONB NOT NULL DEFAULT '{}';
CREATE TABLE "adjustment_proposal" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "subject_key" VARCHAR(64) NOT NULL,
    "trigger" VARCHAR(32) NOT NULL,
    "proposed_action" VARCHAR(16) NOT NULL,
    "evidence_case_ids" JSONB NOT NULL,
    "evidence_digest" VARCHAR(64) NOT NULL,
    "facts" JSONB NOT NULL,
    "run_on" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "decided_by" VARCHAR(200),
    "decided_at" TIMESTAMPTZ,
    "decision_reason" VARCHAR(1000),
    "applied_action" VARCHAR(16),
    "decision_id" INT REFERENCES "committee_decision" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_adjustment_subject_run" UNIQUE ("subject_key", "trigger", "run_on")
);
CREATE INDEX "idx_adjustment_status_id" ON "adjustment_proposal" ("status", "id");
CREATE INDEX "idx_adjustment_practit_status" ON "adjustment_proposal" ("practitioner_id", "status");
"""
    + _BACKFILL
)

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "adjustment_proposal";
DROP INDEX IF EXISTS "idx_case_record_perform_quality";
DROP INDEX IF EXISTS "idx_case_record_practit_started";
ALTER TABLE "site" DROP COLUMN "adjustment_policy";
ALTER TABLE "procedure" DROP COLUMN "filed";
ALTER TABLE "case_record" DROP COLUMN "technique_id";
ALTER TABLE "case_record" DROP COLUMN "adverse_event_grade";
ALTER TABLE "case_record" DROP COLUMN "unplanned_readmission_31d";
ALTER TABLE "case_record" DROP COLUMN "mdt_timely";
ALTER TABLE "case_record" DROP COLUMN "ordered_at";
ALTER TABLE "case_record" DROP COLUMN "consent_at";
ALTER TABLE "case_record" DROP COLUMN "mdt_participants";
ALTER TABLE "case_record" DROP COLUMN "mdt_discussed_at";
ALTER TABLE "case_record" DROP COLUMN "planned_operator_id";
ALTER TABLE "case_record" DROP COLUMN "ended_at";
ALTER TABLE "case_record" DROP COLUMN "started_at";
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_UPGRADE
    return POSTGRES_UPGRADE


async def downgrade(db: BaseDBAsyncClient) -> str:
    # SQLite 3.35+ and PostgreSQL drop columns alike; the indexes go first.
    return SQLITE_DOWNGRADE


MODELS_STATE = (
    "eJztXW1z27jx/yoYvWkyo0tjO07Sa6czju3LuXXs/G3fQxvfsDQJSYgpQgeSdjztffc/wC"
    "fxAaQIiZRJaN/cJSIWUn4AF9jd3+7+dzSnNna8V0f218Dz59j1PzO6oJ7pjL5H/x255hzz"
    "P9SMGqORuVgsx4gPfPPOCcXMdLyxyArceT4zLZ8PmZiOh/lHNvYsRhY+oa4QPHIRDXyLzj"
    "HyZ6aPLEY9D9vIRB7x8XcL6hDriT9i2JtRxx6jaHo+wqdojm1imQ4yJxOTMO+V+EqbWvw7"
    "iTttffZb9wI/YIY4Cg7hQ+6eEPE97Ey+5/Px75gT38eYi83v+CjKB7rItOfEJQIEX3xgWX"
    "jhe+KZTbw54b/F43OEvztwye8BNnw6xf4MM/7rv3wZecHdV2z5xj1+CuFmZDrlz/gfWeAa"
    "HMHffuN/Jq6Nv2EvFvFNPwgXh9gj/vTLaCFWgAjAMTP4h/xRPCiUXtwbE4IdO7cNomHh54"
    "b/tAg/O3P9H8KBAuU7w6JOMHeXgxdP/oy66Wji+uLTKebfavpYTO+zQOwAN3CceN8kmyL6"
    "xy+HRP+ijIyNJ2bgiH0kpKMfsPxsZBgXlzfG9emNYYxKeyyRyGyM+COLumJp+E/1wn/9VP"
    "yE7/b33rx78/7g7Zv3fEj4M9NP3v0RffUSmEgwhOfiZvRH+Nz0zWhEuCRLUC2GBRKG6ZfB"
    "PeFPfDLHcoTzkgWk7Vj0VfKHIu4JynXAJx8skV++sNuAnv8D7UvXeYqXvAbnm7NPp9c3R5"
    "8+i6+be97vTojf0c2peLIffvpU+PTF25fic8rfhEhfpZOgX85ufkTir+jflxenIbzU86cs"
    "/MbluJt/j8RvMgOfGi59NEw7szuTTxPU+MjlqgcLe81Vz0vCqg9p1flB4Qk0mmvRjMRqVd"
    "rW4u71WpUu4SwchHlIj2cmk2NaECvgyn/wEF+aufnNcLA79Wf8r2/f1OD489HV8Y9HVy/e"
    "vim8CBfxk/3wUR7qzCWjKcwZEQ0hPthvAPHBfiXE4lEe4uSWaYiLmUxJVEMtEdUQ8r23DS"
    "DfK6r3JeTiUR5y/EBs7FrYsEwP81uwVwb9H9eXF3LQpcLF85hYPvofcvhlvyv4R3+bBG64"
    "7OguII5PXO+V+L6/jzpalJpFEGDljuIE/Befjn4trsvx+eWH4hkrJvhQtUg2mWJPcl+qfi"
    "8kohq+F+1r+wnXI0rvQirQj/0vvlab/R8b9VIzQb4aS4k682CA+74GenG9L14PU6dH45th"
    "KrE9NTH6fHpxcnbxsavt2vUZamOLK1nbuFO6g+el1kI7Nrj6sjfzOO+/ft0AaD6qEunwmR"
    "xqdadBXrIFp0HPwB+IjyDBpNZJINZK2PwGw6anZgdIRPV7tfZeN3q3xLBqNfa6/HbFHvw1"
    "zK+ypIaod3JwhJtVKaxQkFrLKdY3oFt2i0lCOw3BlUhuz+s4KITJA3HwFKvCmxeDzVuGlh"
    "+kgTDipsaaIFdPAHBHcIv47uReGoxMISsD/gNlmEzdf+KnEPcz/rNM18ISYGO2wOfsXMNC"
    "+Y9kUyWfLn8iMx/TyHjpheYg8H869kMYrvhN8Ors+GZUqZxbATk/3cAUc3OgSwdTA6yTu0"
    "ILOB8nTI6TzJx6burCDasBzhKVC/qjCdTVZ1UF6kJ135nW/aPJbCOnw8UTuk8Ln6Rjy4/m"
    "+/PiJ6ZrTkOwxL9K/BsS3teC8GUbyRhh0ZNxLQtsQZJQ60rmVzXCEiZUgeUEtCWgLfXi7d"
    "eYwAK0pV1cdaAttaBKl3CG/y9hWe1eTMZrGLrea+rKrfPklok0eEK+qSC8lGgH4+c9+Tv2"
    "23qYn+C+MTO9mVJsNS+m4WZun4fBqIOVeBipQD94GHrxkL4tCH+8xt0nLwnR1z5HXxl+oP"
    "dr3XDzkrDKfV5lx/R8I/DWWueiLKx0n1c68Tao0ZPyUlskg3V1WHbETiqFkp7JQRnYxD+e"
    "Yet+QSNva9lTWRgyrnVZisGGlR+9OmsVeWTqYhsJGiEWaa+ITpA/w8ia8YX4k4dm2LTRCw"
    "//jkzXRuIq/PJ7kTmKXfs76jpP/IJ2j0MJ/MDFZbmr7X/HrXvr/sfnR5f7H0S8KGt1wf+h"
    "6B+/XKMXp/b+4eHeX8bIpnP+BX8WX89/y6vF00tEReKrmCn7bX8VM4jfcusy/MhE0MRFE0"
    "bnyBMZtyGe6AXD34nB2H4p8l6twEfejDIfuRQ51J3yeeemzxegLhO2nOWKf4fs1e26gQXk"
    "JVQ/kGklsLGATrSSv+zvHxy823998Pb94Zt37w7fv05RLj+qg/vD2UeBeE7llt1HqoY3WN"
    "wKFve9TEtUY3sv1RMArTSFUBwxZXBv8LcKVZEKaAFv3aX69NebendFeqc+v7z4mAwv+jD+"
    "kF58ZQbO6ouv1LQZJvBd523ySxDhk0n0xgdKHWy6lSGSVKyA8x2X6wro9JPtbvEPl5fnuS"
    "3+4ay4h3/69OH06sVeiDwfRPyK80+dFr8hG349S05Ypdux5tpx8ffJlDsVlsmoyoqLno5X"
    "G3A4Hdgl7+TLiH8L8Z+iXcWfxX9NKu3EWQHhn6llBYxF+jV5SENGW7Xd8rxX7D5YL1u5YF"
    "fbONlFU9A6BTE4SxucpdHrkLxIjfNvclIaAt1+EDfVO8owb2Dx9MzN3bXBE+GlyvbIS4Hr"
    "uUli7BopezoXSml/KxduOE1RLohpCHX7R+Dy9qgONOjmphv6Dk8ow8ZXqSVZ7ZIqiOmA9L"
    "b9UubEx0wZ+LwU4K6Oe5XbpBpzvYoIbB9v/s/2fEVFnpfSAfeuNfmC4QdlMmpOSMNrSfsw"
    "Q9SxZXD75G/9EZt5n2Pp4Xi1t3WWjFtJlLl0MWL0EYnq6hz2kEIiWHUFHolDrXvxmIgHjJ"
    "gOEZXRIyqLhBrT2qx9SzUcipsWSCZD94GDutdd3X+g9D76p5eUffKoVtXfZQa1GlT7MrIc"
    "IjqFxKni3CrBzDUdg+GJpKGFrH2FNcN24GDbSKJtXrDA7IF4tGZI9pMx9MB4HgUPyeTV0O"
    "ubVgzJ5Lu46pBM3oIqzajO3KnZmOaXk4JLW5MQWPZCogB1UU5DsPf23zfhJ+y/ryYoiGeF"
    "jU1dX+xR9ar/ZUkNMe+AruB5RNTkUqv8n5eCtPP6OMIaaecLRi1uojDMQbeVou9lSQ3fg/"
    "YD8EWTsHwxrXA6FeR2u/dCCgZXDkz5gi8RhzTrPqdZe9j3Y79QU/WUEdFQL3XQrGqOGYfE"
    "klz0axNNcnKQaaKQaTK3fdXbfkZEv+B9J/f8gXTpuT7+8fTkp/PTk67ulV2rD0tU23Wc9b"
    "ysBVk4i/t8FpuOQx+V8xEzUls8JJ5nSVs8I9Jq2aqMxpKgFpegbbPsksZWyhSBgiBQBdam"
    "CoTtTxm2KLPVOnWUBaFDB3TzeYY24ly5qyGbkQBEpY3ZC8SLprgW5UAhNGjZAw1lttVQZr"
    "k/t490z3Z1U6BLr3QTmInfRgOZazJkR/tqZJeHUANMM5etFqA95rNdpZPpuXPL11PlpjwZ"
    "2mBYUlHi5voQC/7wzyvsmBVJyXmG5lk4l0Y7+48tMF5j0Kp5r0tUV7JfDbIc26AqqDUz3S"
    "kWdTpNNAn8gGEUT/QnDyVuAGSZoqYwuntC/EBAYUoF/2sk+334mUhuWERnRaEmaMvfcOu+"
    "iMXH8eOXY/Q4I9YsTKqIthNaLiO6x3jhIfyNA+GI2S1clUjxZYlh+EpF0xtp5c58Pc/U0V"
    "tbIAcouUDJBXImUHJh1YGS2wfvR+ZMK1/3alzSeTmdHEvb9khHQKpXBSoJahGT6Zo4Svk0"
    "68UcC5IQd2wed3Tx45qgFyQB9Oagi/26dsBXKqyFgtl20Ffs4LWXQSoMy7DGMgyEuXX5+f"
    "RitJWjtYsynff80u5ge6rcwkgiqh8jsaNqkhnk1C1hiTjw5frMl8t7JBtawHkhnYy1rgLV"
    "mdIRG0afMpUqBgZx09hTfncpx522EE/5RbTnGlWHU6Ln4ybRlMd0aNPKUd8vizuFYYywxN"
    "PjjHoY4ckEWz4S6YDR9J6o+4TuMHZRFMzD9it0HhWBKoVSWp7/1uWyc/Meewib1iyJ04SJ"
    "eZ6IxWRDJmjGTbKHsPOZ+4QeKbvHzEMhOFCWqo8hkrARqLKXLyul07GxBR9fT2ooHZv8/m"
    "mb7MR8kinA7ONa/WfFAw07HtkglixujFw5mT66Y9i890JF9YnyaZ6++4ER/j/EAgd/j0z0"
    "4+X52cnRv4SqMtEjxvfiIWX8L79cXv2TP5EEktuc/tZ9cRu8t14f3AZvJnt7oR78Lljw7x"
    "CtIxMpjkAvtRvEfyH+u3uRQIj/7uKqQ/y3BVWayUkyJY666roR8fC2y0U86+mkViyCm0qK"
    "XVddXduuNkmwrk6vLiVXqzYf0rbt0F4jR/FejaN4r1cd7xMj41/YZKMaIyR83swKeUqGNj"
    "BDxNjYITKjjrALvLDEdtWFnz9lGAm/uBv5Vq5F+3p0TAPXIs6fPORSn0Quv4JF0tE33bre"
    "jCwW2EaPxI9orQtG7cDy0YvLH344Oz47On8ZmTP8yx0c/Q7s+phFFFohwX/Vgvimg16cXx"
    "7z8a9u3SM0IY4oL27z2wL/Q2xNscD1EN+ZlM8X/Yv4t9LA538VnFviiW9/CGOSpgP2ENhD"
    "gzrB9L0Zgz20i6sO9lALqnQJZ3KxaIhlMhwiEGX+GSNTosRoXUqAsbTKWPJowCx+5SK+o2"
    "Q0FeW0M546YdnwHxHMRZleN5jfyVLXqwGXiGqHeWsGa66WSHDnEG+mXNq0KLehr2o4XKbY"
    "WdUboz/Nupaa/Nmc7DqDP5cJ3rc2LgvMJpTNMz1aJHWMS2O4LW3QibFg5IE4eFoxKveJ2K"
    "fM5BPGX1JuKCNKz0ZXeEg+BWO7H8pKY7MLjO1dXHUwtltQpdAPBvrB9Ads6AejwwaHxiNb"
    "bjwSWSMlnK/npuNUHoapkE5c4oP9d2/Tg1D8pe4MvP50dH4uqZtasPUa+zoKcjvdxmUJhv"
    "qlvCgLSXB9ToKDBi7QwKUAdfrJYOs1iG4sNvGsQCRbKaJekgXkFZC36HzhECstaKkAfFEU"
    "cFdqR2H6M0XAUxlAWgHpwF04puvy6w3DdCEAUt/qlXPASiishGkLjyA28AN2JbfU+q43RV"
    "lAXqUekiTqpgC+NGgH+K+PP1cjpsd/iMotvm4O7VgVh41YFYc1rIrDMqsiEycu4b6izWlO"
    "EgzkPhvI2LXXWuOsHKxwn1c4Z/GtsdIyeVjxvq/4gqtgYpGFauN7mWxxtYnlo/8h0Y6+s3"
    "Pzb5PADcvVoruAOD5xvVfi+/7e1Xlas/wCq9zKl4oMFusJFpZUTFAsMii+XgTv1qAC5STh"
    "RezziyjKJrG1lG5eEla5z6ssVKZYBUfVA54XBBNxTTeVac+JF9a9PdhTdYfXzgMrsq67yl"
    "gr6F8xhUbdElthAMQbNvKsqvairJDWCGNoUTsYhKFFLbSoHRC4PrZmUW6QErZFMYAWuv92"
    "Ul4Zuv9C99+Bb2G17r/Fyyxs4KaaQm4FNIA8PcxawPomO5eeQBfP/g16LSeF2SUeDvVmy/"
    "ogrtZlWUJbNegDZozI3BUJsJcuvqH8P6vhPU1mvcxMqhHQSmn9vunQaYB/jhMbpcn9hTHj"
    "+hT/eLSRyZVsN9EfitFBfnwf708aZ0pDfvwurjrkx7egSjMVkSuqTVWiWVljCgrS8bth2A"
    "2JPGBjwuhcrpYqaHElyZ1OtHSpzOlRU6g7Hg8M3UYM3bBCnwq+SwntEO6mZ6ZtyzLsaiLY"
    "tjSrrsMT6vVAdCrDc25oq4CZkQA4S5mIYc89FTgzEgBnn/qu0fmc+D7GJ3H77pHMUVIaNK"
    "71lCTD057gnbtKvoy84O4rv/xE22qM0r8TGwoNgiOlJ/dXjU1qcKTs4qqDI6Xde1VycqqY"
    "VTkhDYvGdGJbzTEWdXYU61jlpXbauUIDn288pY2aEdFwm7Zfu+6B+tgzJjJmSbV6zcqApV"
    "VUsBE85pR/gaze5QpYM3IAbQW03MozZe1UVkG7lANoSyW3iBsIkBSr4hbEwOna5GLgkang"
    "pt1J0umq85ZzQpCwnDNe2khYLjp3GkccCnJw7Whw7ch4zppr8bwQZMeoe3mzcZ+vgeeHzZ"
    "gWjPJ3w3Q25F0epTN+jidssB5DYQbmYucPphOEYGyI2Gk6kaZIpbWpNgTqc7bQmCY4dRlw"
    "OcGiwIl4FUeSSEvm6bguxGLnxwELdUiHwhiCJ+BGh+DJzq86BE9aUKXZ4IlaR5V2+6g876"
    "nUsUkY/l8B2mS8hvZ2N317zSfDC9gUsyeDX/qYnKtWX3C8YgooI6RQRghKgnRcWgHy0NvJ"
    "Q2/iRsoWZNjYyNeyhEWnhn45GVdi70szdqvNfnnaMJj/g1KPYzD/wRAE83/nVx3M/xZUaT"
    "bFR7TYULFSlxIa2ql7rxsZqmJYdbu912VTleEFZb5h81uDjCNRr65KwhpqrIFoqAST+gaW"
    "vukHSp1vlhJdvVOl697o8+nFydnFR+Pq9Oez019G23m9Wu9kyfADwY8V1KM6JZYTWwv1ns"
    "Vlt+BwS1FTv3IVRKE6fp8VWLRYhmolgIKYli9Vw7eq9rUqvVeW6YlmZxZltpoftSwIlUE2"
    "zxOWLkx5VZIKcw29r8d8rqt0qkGtSFMPbHk7NnHEbuYvXDLOZI7CHB+txkOYH9eqZ/DLKN"
    "dV0noSKuE38BeCv7CPdpjGniPwF+7iqoO/sAVV2m/fhiS1J3ZuDNWrEV6kLBrImojXGwOp"
    "EHSskBYKWDjECi966vBKhQHmMsw2vyPNlPEtSAGw9R30ojYA62zkFbMA8Ksa5akCXiENQJ"
    "eBpoFv0ImRWszKWFdPAHBLUuQx/z7LM9SrkpYl9XP3dhGtEmWHsGunvqbmvvWipH54d+Ve"
    "f4aiO73Guf1MB1Gx0lYOwual9MO5kxhs6D9WjBJlRIBuLzVYooKrarAWpOB+IWvHm1zDFH"
    "vx5sVg00qZe17ghHX11kS5egLYyg26nWZiehvm5agUg+jbrm4aGi5usQZtC6NI6ebwXoW0"
    "lONkNk0Bzh7yDcDN1hjfEF9pnfNhKYumIBeO/AY4S5TsljXGQKGuPp2Uk/u6zFc7s/F8QX"
    "2RXRaTeyQ0lPKgcR0bhSyHZ8hHbbNS+FSUGfc4NL7E/4CT8pyclNxyNLWgc0IapmO8fdPA"
    "gH77ptJ+Fo/yt2ZFgPWFdm//fRPv5v77avemeFbwtCXhJCVfW1ZIQ6Tb38QT/uWY8XNRFh"
    "qpBrogBlA3gDq6hkQgKUBdENMQ6vadyDFma/gwwE20yk1kfJVmed7gb/XAft0k1bOfloeU"
    "1Hj6a1j8prr8csppPL+8+JgML9ZkLnjqgWW8I3zTjbJN2rNFc/VmJGZosR5NtQW6KI6EWi"
    "nD0v+Q+wBaCXIfdn3VIfehBVWay32YTDjYKoZgVgZKpq60AaFkarYUTbNKNHWFaIr48kud"
    "LKZaDXAqoCHC+83oWTXsrCK8DrGwa2FFHZGX0q7hVPtOuQSwB9MhthG4PnHk15p6vAviGz"
    "amHI63Q9KXMjL4OCaeRdU8nWVJ7TZwNx3TephIWS4SdXR8c/bz6XZgbp9u74ZhJdMx+Gs+"
    "N717WXnwuruFTFq73d0FGzxps6NKqC3IgUNfZoUssEVMx39SLLleEAOO50qOZ75d1IaUrX"
    "yPqoHt4eb8uMIb3IAhl27MFkC+zs41rL3cFOLie7xBqfuedEwcymbP7do7Su/5JBvi9SGa"
    "RVeQvGCB2QPxRI7XlvEayNudN8LitHxRyGNDoJSKzQ0Rq21jNPT3D/ZUg/fvGZq7DnJfOX"
    "xD+diahb95Q7Buknk03VSBt3EfoZ+8Rv2DhoJOtxSY5NWT8l8y72Ud+SU7rEvmy5cc0Sa+"
    "0MduPj70yyj0qSb8/tyD1BeYdWJHj4TS5yofe2LC34BdA+yaXugDjXkWwK7ZxVUHdk0Lqj"
    "RjrKhGHp8h4Lg98kfrsbDcVUIJYsgvVKAmiOmnzJT11L6em45TqRtyghoFZw72371NVYP4"
    "S51WuP50dH4uKyNDLWwHTFTzU+tWXpbUIZOl6wBuxm9ExdFdAry2p7ZEGtppK7TTjiy6Ca"
    "Nz+W2y4m6Rk9plLtOarDBgg/WamyThx1yd/t9P/BJ/ejIa6p0sRM1Q78FZEtTvVOuuE6fw"
    "WftrdAzMy2nHA+uE5YhdmzJPGeyCmH67uxOwHdPzjbiVVXj5Ujn+pMK7fAjemR7x1Dh2WR"
    "GNTLgWy4GWoh0NkZVIAjlU5kTjVoUiL3QpAYgC3Xar0OYilQrYFuUA3DK4KT9DDduiGEDb"
    "oBRwvljGhhzmYpWOgenfpjxmyYnehCxOZC2p1XnipNH9dajYZs50IOC3Dm4zAr5UF7eAsI"
    "Z8uSLCxTOoAcKh5dUCujtUyzprrDbREumlq5UzTvv61aVL6vATdQayEgV3b1JGXITGAD5F"
    "+GKHIJ96Q8RO04k0unfV7LQtojXEfZVqR3lkoKtsi6FA1S1FPqbEjKQU+eThuJ4inx22ii"
    "I/unQxirmPiE6QiSzTNx06DTDiKpQ9vRoV4FotceveukeI0UdEPERcNKHMwuK/mZHxBB76"
    "kn5mxJ+NEcM+YXz7ETf57CUyXfvWFXOI+AYXw5MJ5kbqAw5f6TFa/t2nv/2V/yqGQ8oW4i"
    "IMCyjjaT3kz3D46/iUyLRt79Y1kYsfETd3x8ijiDo2ZstfyC9MT0hQZQXCIRzSng0Jian0"
    "74HmDUD77+fZqTEBHGj/u7jqQPtvQZVmVKcio3cjHm8DJKGappZM/4NGhJuDGsLNQZlwsx"
    "bRfzOSf+9Qbo/lb5tPhhewKWaqjPOCJLDNFdjmZVOi+cEmldVpW7fYhaVobSrALBeGyHwZ"
    "5rzBLr+VVzBOS5Ibch/7tqPVyI9ZT8d6MPqyYsY7RSCdEEdWcLT2JEtl4AxTOMOek6PXt/"
    "cceGS9hraGR/ZcPJy+7WAg4vQF4YZEnGoKQ5dxrCv8QPDj8VN0WJQiWdnH47pYFgsHGlY6"
    "EnqdDUmhjiEsAw56CMvs/KpDWKYFVQqhg23l6i4wI9Q2+CWTVaipikTIgtxOe6liMLAruT"
    "ythDCW2mkAbX5bVUsTX0rsNHADqZBy+fn0YrQVJdlBcRRuaVq+9Ej/x/XlRQXKWaHiDiWW"
    "j/6HHOJ1drqP/jYJ3PD70V1ABBvYeyW+9u9dLUIN6AKk3N2t1NO+2L6+cCkTExR72m8/v7"
    "xnrpOufYBbzW/sGbbtpTc2SaqB1IY6zDuloF9jz4t+Z8ltlzwa17nsvMwg8NYNSfWNwVsH"
    "fhvw1u38qoO3rgVVmolr0nvsGjPTm6mYpHmpdszS5z2hOi7ujb8tRHLXGroqL6mhrhqIbk"
    "owqVVODD/wN2OdIykv2cIy99NC02KVRWMuNVdGRgKoYqt9GYHXSj2sht3P+gZuU2dGZlPl"
    "nBnHR9fHRyenz8WuuY7IlmX7PPYs1RjnyQiwzIf0Io/BMgcbDSzznV91sMxbUKV9SW/ukT"
    "UO2c1DoygRL/3ZJZRrk5jygpDJpJDJFP9sI2xGRPwnY05dfyYJUFZq45oZtqed998MRD0z"
    "vAwDq2NdIb3FU3B/IDjjOWYcAOvJYHhBmW/MaCBri14JdfUEsKtLaGfrhVKHWJKMsmoKlV"
    "QYqFQ5Bb8ularkLWtCVOEn5j3/4RuyVD5EswzwqlNJUcmXsfBklYlVEDrmU1xhizJbV5Bs"
    "vDBZ+GpvCNVJOpGuUC2SqqIbIqVSnXSQQGXTJzfEqpCyOcjQ2JaJdGmat8xVn80Br/HX54"
    "aB035bGwac9uC+HYPTHlYdnPb9UKXgtAen/TbBbc1pv5ZXIdt/bWMbR6lj3VAu7qVKr8Zz"
    "GIVDRCttD7ExTpk2EwN715/FHlzWpJLYg7mCVdX2YK5GFtiDYA+CPThgywDswV1cdbAHW1"
    "ClYA+CPbhNcDshcVkcjSmVdVSo2b4ZGQ1xbn8T97EaUElJjD5fXX6+vD49GW0F5Q4KAgXe"
    "AruiZaS8uH8N2iXJtVDvmSneNd7cRGT0gYOmViGsILbbHQCY5xuWQ1ximY4ReKrV1ion2G"
    "1UHdFlV712XUkQUIzBEH2xH8J+91EnawWyd+08wP1W4H6HvT8Mx5RVAFvdNCQVBMyVMVdW"
    "I3C6Ld98N5jfyRK9q69jJUENb2ONbLm9Gltur2zLYX9GLM+ILlj8OsDwRAX2CnEAvxH4nk"
    "8XC/7eM2x6Mn1RZ+sVJbWEvCHmtaCXUOeHnuh7Z4Y9xRSPxZIsnIwKJ2OEnkogLiMBlV5X"
    "VkcRaJXBVa6Ooif3YlwokpLZWhtUfN12jshAwH72vIdh4rR9istQcOqS4RJWg5KQW5IqUd"
    "W8Fv7ESEpSAa1lUMfoGAGtBQgOQGvZ9VUHWksLqjRfoFGVf5GV0Y7e0n7F4IXpeY/cWlCu"
    "zVwS1JCIsX942ITwcnhYTXgRzwoVXag0D7m63kUq0I8aF+L7Bl3jQl5wgFvvSqtSloTlaX"
    "151nKrPos/NTkTButOnZhRkJZOiazfUOUFpiS3vWvM64FcYxxqiZrrgesTCXmh3hooykLJ"
    "9j6XbHdMz49ehTUMv5IwrHWf1zqbn6oWh5JIQjxqZTxqUQgkQVyqQVxKstU2iE/Fbe02jC"
    "hkOugNzDp8loDCL/huRun9SBJTSB6N68IKj5lBEFUYkjIcQ1QB/MsQVdj5VYeoQguqNPMS"
    "MYkVXhNQYDLDWwv3djNO5H4dJ3JfwonED8IrGk1WArrao1oQA3dq6+5UD/PDX3J01FCDUw"
    "k993/7+czgst6ayzq5yd6pJY/npLa3rUddaZE+FW3j1iffyIxsyjqMLduTaLqnAaqa5/QV"
    "pLBV+wyyyK70HRh2dvQqJ8Lo0sUoPMzRhDJE+d/iecbokRHfxy4iLvJnmANiup4ZHbl0En"
    "5kzUx3ihHxUdRHw3s1KuDdxfyr3RtfMiURXPzN55aUj+cL8f/Rb+D7AN9HL7SOxlYw+D52"
    "cdXB99GCKi2a5h7+XXI9I9Pq5lZZMZ1ai/9lf//g4N3+64O37w/fvHt3+P51inD5UR3UH8"
    "4+CrRzr0kV/CFyChZLXkpDQ7wLWuuTQ2X5izf86lZFaE1FtIC47hA4/fWm3rmUngHnlxcf"
    "k+FFj1OhG6fNr8PUD1vg3WMlk1wiqh11+30Ts/x9tVX+XpLw37+ibhK3x+fTi5Ozi4/b8X"
    "50UGQsMvNUKJFZEWBDFs/AovGseJmXiGt4ox/IDb45KRIzRpVq8OSl9CtIctjIT3tY46c9"
    "lFQjEaBFWt6Q1wSuLo4hEQVWoqwBdugKXcsRUZQFgm+f9Vbi/Fby4eaFdDKVu+L1ZviJG1"
    "J6M3TIgUHclM6b313KTN4uQ09HmBFrNpJEnOIn49raF8sxwFEd0os9ronTVPpuq2991c7b"
    "YTphtpBPLF4qBYTj4Rqi20lVRf6NftxFvCmPLSOyfQ7b89ztWmOrKZBO2j/M/vh/TgbcJA"
    "=="
)
