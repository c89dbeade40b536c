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
SQLITE_UPGRADE = """
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
    "privilege_id" INT NOT NULL REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_adjustment_privile_run" UNIQUE ("privilege_id", "trigger", "run_on")
);
CREATE INDEX "idx_adjustment_status_id" ON "adjustment_proposal" ("status", "id");
CREATE INDEX "idx_adjustment_practit_status" ON "adjustment_proposal" ("practitioner_id", "status");
""" + _BACKFILL

POSTGRES_UPGRADE = """
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
    "privilege_id" INT NOT NULL REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    "resulting_privilege_id" INT REFERENCES "privilege" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_adjustment_privile_run" UNIQUE ("privilege_id", "trigger", "run_on")
);
CREATE INDEX "idx_adjustment_status_id" ON "adjustment_proposal" ("status", "id");
CREATE INDEX "idx_adjustment_practit_status" ON "adjustment_proposal" ("practitioner_id", "status");
""" + _BACKFILL

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
    "eJztXW1z27jx/yoYvWluRpfGdpy4105nHNuXc+vY+du+hza+YWkSknCmCB1A2vG0993/AJ"
    "/EB5AiJFImqX1zl4hYSPkBXGB3f7v739Gc2tjhr4/t33zuzbHrfWZ0QbnpjL5D/x255hyL"
    "P1SMGqORuVgsx8gPPPPeCcTMZLyxSAvcc4+ZlieGTEyHY/GRjbnFyMIj1JWCxy6ivmfROU"
    "bezPSQxSjn2EYm4sTD3y6oQ6xn8YhhPqOOPUbh9GKER9Ec28QyHWROJiZh/LX8Spta4juJ"
    "O2189jv3Ej9ihgQKDhFD7p8R8Th2Jt+J+cR3zInnYSzE5vdiFBUDXWTac+ISCYInP7AsvP"
    "C4fGYTPifit3AxR/C7fZf87mPDo1PszTATv/7Ll9GCkUfi4Ck2iB3gzch0Kh6KPzLfNQSE"
    "v/4q/kxcG3/FPJThnun5weoIGfFUziKWgEjEMYsmigYF0osHY0KwY2f2QTgs+NzwnhfBZ+"
    "eu930wUMJ8b1jU8efucvDi2ZtRNxlNXE9+OsXiW00Py+k95sst4PqOE22ceFeE//rlkPBf"
    "lJKx8cT0HbmRpHT4A5afjQzj8urWuDm7NYxRYZPFEqmdEX1kUVeujfipPPjXT+VP+HZ/7+"
    "37t0cH794eiSHBz0w+ef9H+NVLYELBAJ7L29EfwXPTM8MRwZIsQbUYlkgYplcE91Q88cgc"
    "qxHOSuaQtiPR1/Ef8rjHKFcBH3+wRH75xm4DevEPtK9c5zla8gqcb88/nd3cHn/6LL9uzv"
    "nvToDf8e2ZfLIffPqc+/TVu2/k51S8CaHCSiZBP5/f/oDkX9G/ry7PAngp96Ys+MbluNt/"
    "j+RvMn2PGi59Mkw7tTvjT2PUxMjlqvsLe81Vz0rCqvdp1cVJwSUa9bVoSmK1Km1qcfc6rU"
    "qXcKZOviycJzOTqfFMieTwFD+0jy/L3PxqONidejPx14P9Cvx+Or4++eH4+tXBfu4FuIye"
    "7AePshDHdx9D3hZUO7ccaoXoACHfe1cD8r28zllCLh9lIcePxMauhQ3L5PKOx4ug/+Pm6l"
    "INulI4f0gQy0P/Q464grYF/+hvE98Nlh3d+8TxiMtfy+/7+6ilRalYBAlW5nyIwX/16fiX"
    "/LqcXFx9yCt+OcGHskWyyRRzxSFe/l4oRAf4Xrx7W+O9ePe29L2Qj7KQT4Qe0XoXEoFu7H"
    "/5tYPZ/5Glqby7qldjKVF1Z+3hvq+AXt45c8AtLfG6+mIpsT01Mfp8dnl6fvmxre3a9hlq"
    "Y0soWdu4f9ZBOiu1FtqRFdCVvZnFef/NmxpAi1GlSAfP1FDrW7JZyQYs2Y6B3xPDNcak0n"
    "KVayUNUUMY51zPDlCIDu/V2ntT692Sw8rV2Jvi2xX5ldcwv4qSA0S9lYMj2Kxavu6c1Fqe"
    "mq4B3bCvRhFvqAmuQnJ7rrBeIZyNC9WGNysG2CqwFSepL624qbEmyuUTgLII4ZZRx8mDMk"
    "SWQFYE/HvKMJm6/8TPAe7n4meZroUVwEZB7M/puXq2q/+Id1X86XInMPMpCdgWXmmBgvi3"
    "Yy/A4VrcBa/PT25Hpeq5EZSz0w0W6MLRVAPr+LbQAM4nMcPgNDVnv3RHXaxzd6waOCt07p"
    "YVSE+hLj+sSlCXuvvetB6eTGYbGSUun9B9mvskGVt8NN+f5z8xXXMagCX/VfLfEPORFkQs"
    "20jFVAqfjCvZSQtiPESDVjGSyhFWMHRy5Btg0wCbphNv/4B5FcCm2cVVBzZNA6p0CWfw/w"
    "KW5Q7GePwAg9d7dZ25Vb7cIpUGT8hXHYSXEs1g/LInf8ueW47FCe4ZM5PPtKKrWbEBbubm"
    "mRiMOliLiZEIdIOJMSwm0tcFEY/XuPtkJSH+2uX4K8OP9GGtG25WEla5y6vsmNwzfL7WOu"
    "dlYaW7vNKxt0GPoJSV2iIdrK3DsiV+UiGW9EIOSt8m3skMWw8LGnpbi57K3JBxpctSDjas"
    "7OjV2ZSIk6mLbSSJhFimYyI6Qd4MI2smFuJPHM2waaNXHP+OTNdG8ir8zXcyoxG79rfUdZ"
    "7FBe0BBxL4UYirciqb/4479879jyeOLvc/iPAwm3Ih/qHoHz/foFdn9v7h4d5fxsimc/EF"
    "f5ZfL37L68XzN4jKhEw5U/rb/ipnkL/lzmX4icmgiYsmjM4Rl5mgAZ7oFcPfysHY/kbmY1"
    "q+h/iMMg+5FDnUnYp556YnFqAqQ7OYfIl/h6TK7bqBJeQFVD+QaSmwkcCQyA9/2d8/OHi/"
    "/+bg3dHh2/fvD4/eJCgXH1XB/eH8o0Q8o3KL7iNdwxssbg2L+0GlJcqxfVDqCYBWBW1wxB"
    "TBvcVfS1RFIjAIeKsu1We/3Fa7K5I79cXV5cd4eN6H8Yfy4qsycFZffJWmTT+BbztzU1yC"
    "iJhMoTc+UOpg0y0NkSRiOZzvhVxbQCefbHeLf7i6ushs8Q/n+T3846cPZ9ev9gLkxSDilZ"
    "x/+sT4Dfnw61ly0irdjjXXjIu/S6bcmbRMRmVWXPh0vNqAw8nANnknX0biW4j3HO4q8Sz6"
    "a1wAJsoLCP5MLctnLNSv8UMaMNrK7ZaXvWJ3wXrZygW73MZJL5qG1smJwVla4ywNX4f4Ra"
    "qdgZORGiDQzQdxE72jDfMGFk/H3NxtGzwhXrpsj6wUuJ7rpMaukbQ35FIpzW/l3A2nLso5"
    "sQFC3fwRuLw96gMNurnuhr7HE8qw8ZvSkix3SeXEhoD0tv1S5sTDTBv4rBTgro97mdukHP"
    "NhlRHYPt7in809TUWelRoC7m1r8gXDj9pk1IzQAK8lzcMMUceGwe2Sv/UHbGZ9joWH49Xe"
    "1lk8biVR5srFiNEnJKt+C9gDColk1eV4JA61HuRjIh8wYjpEVuwOqSwKakxjs3Yt1bAvbl"
    "ogmfTdBw7qfujq/gOlD+E/vaDs40eVqv4+NajRoNqXkeUQ2cEiShUXVglmrukYDE8UfRZU"
    "XRWsGbZ9B9tGHG3j/gKzR8JpxZD0J2NozfAyCh6SycuhH25aMSST7+KqQzJ5A6o0pTozp2"
    "Ztml9GCi5tdUJg6QuJBtR5uQGCvbd/VIefsH9UTlCQz3Ibm7qe3KP6df+LkgPEvAW6AudE"
    "1uTSq/2flYK08+o4whpp5wtGLWGiMCxAt7Wi70XJAb4HzQfg8yZh8WJa4nTKye1294UEDK"
    "EcmPYFXyEOadZdTrPm2PMiv1Bd9ZQSGaBeaqFd1RwzAYmluOhXJppk5CDTRCPTZG57urf9"
    "lMjwgvet3PN70qfn5uSHs9MfL85O27pXtq0+LFlt13HW87LmZOEs7vJZbDoOfdLOR0xJbf"
    "GQeJklbfCMSKpl6zIaC4KDuARtm2UXt7bSpgjkBIEqsDZVIGiAyrBFma3XqqMoCC06oJ/P"
    "9hHmQrnrIZuSAERViOaJF3VxzcuBQqjRswcaymyrocxyf24f6Y7t6rpAF17pOjATr4kGMj"
    "ekz4721cguD6EamKYuWw1AeyJmu04mG+bOLV5PtZvypGiDQUlFhZvrQyT4/T+vsWOWJCVn"
    "GZrnwVwD2tl/bIHxGoFWzntdorqS/WqQ5dgaVUGtmelOsazTaaKJ7/kMo2iiP3EUuwGQZc"
    "qawuj+GYkDAQUpFeKvoex3wWcyuWERnhW5mqANf8Od+yoSH0ePvxmjpxmxZkFSRbid0HIZ"
    "0QPGC47wVwGEI2e3cFkixZclhsErFU5vJJU7s/U8E0dvZYEcoOQCJRfImUDJhVUHSm4XvB"
    "+pM6143atwSWflhuRY2rZHOgRSvypQQXAQMZm2iaNUTLNezDEnCXHH+nFHFz+tCXpOEkCv"
    "D7rcr2sHfJXCg1Aw2w76yh289jIohWEZ1liGnjC3rj6fXY62crS2UabzQVzaHWxPtVsYKU"
    "SHx0hsqZpkCjl9S1ghDny5LvPlsh7JmhZwVmhIxlpbgepU6YgNo0+pShU9g7hu7Cm7u7Tj"
    "TluIp/ws23ONysMp4fNxnWjKUzK0buWo75bFnYIwRlDi6WlGOUZ4MsGWh2Q6YDg9l3Wf0D"
    "3GLgqDedh+jS7CIlCFUErD89+5QnZuPmCOsGnN4jhNkJjHZSwmHTJBM2GSPQadz9xn9ETZ"
    "A2YcBeBAWaouhkiCRqDaXr601JCOjS34+DpSQ+nEFPdP22Sn5rNKAaYfV+o/Kxpo2NHIGr"
    "FkeWMUysn00D3D5gMPFNUnKqZ5/vZ7RsT/EPMd/B0y0Q9XF+enx/+SqspETxg/yIeUib/8"
    "fHX9T/FEEUhucvo799Wdf2S9Objz30729gI9+K2/EN8hW0fGUgKBTmo3iP9C/Hf3IoEQ/9"
    "3FVYf4bwOqNJWTZCocdeV1I6LhTZeLeNHTSa9YhDCVNLuuukNtu1onwbo8vbqQXK3bfGiw"
    "bYf2ajmK9yocxXud6ngfGxn/wiYbVRghwfN6VshzPLSGGSLHRg6RGXWkXcCDEttlF37xlG"
    "Ek/eJu6Fu5ke3r0Qn1XYs4f+LIpR4JXX45i6Slb7pz+YwsFthGT8QLaa0LRm3f8tCrq++/"
    "Pz85P774JjRnxJc7OPwd2PUwCym0UkL8qgXxTAe9urg6EeNf37nHaEIcWV7cFrcF8YfImm"
    "K+y5HYmVTMF/6LxLdS3xN/lZxbwuW3PwYxSdMBewjsoV6dYMO9GYM9tIurDvZQA6p0CWd8"
    "saiJZTwcIhBF/hkjU6LFaF1KgLG0ylji1GeWuHIRz9EymvJygzOeWmHZiB/hz2WZXtef36"
    "tS18sBV4gODvPGDNZMLRH/3iF8pl3aNC+3oa+qP1ymyFnVGaM/ybpWmvzpnOwqgz+TCd61"
    "Ni4LzCaUzVM9WhR1jAtjhC1t0ImxYOSROHhaMirzidynzBQTRl9SbCgjS8+GV3hIPgVjux"
    "vKasBmFxjbu7jqYGw3oEqhHwz0g+kO2NAPZggbHBqPbLnxSGiNFHC+mZuOU3oYJkJD4hIf"
    "7L9/lxyE8i9VZ+DNp+OLC0Xd1JytV9vXkZPb6TYuSzD0L+V5WUiC63ISHDRwgQYuOaiTT3"
    "pbr0F2Y7EJt3yZbKWJekEWkNdA3qLzhUOspKClBvB5UcBdqx2F6c00AU9kAGkNpH134Ziu"
    "K643DNOFBEh/q5fOASuhsRKmLT2C2MCP2FXcUqu73uRlAXmdekiKqJsG+MqgHeC/Pv5CjZ"
    "hc/BCdW3zVHINjVRzWYlUcVrAqDousilScuID7ijanGUkwkLtsIGPXXmuN03Kwwl1e4YzF"
    "t8ZKq+Rhxbu+4guhgolFFrqN71Wy+dUmlof+h2Q7+tbOzb9NfDcoV4vufeJ4xOWv5ff9va"
    "3ztGL5JVaZlS8UGczXE8wtqZwgX2RQfr0M3q1BBcpIwovY5RdRlk1iayndrCSscpdXWapM"
    "uQqOrgc8Kwgm4ppuKtOeEx7UvT3Y03WHV84DK7Kuu8pYK+hfMsWAuiU2wgCINmzoWdXtRV"
    "kiPSCMoUVtbxCGFrXQorZH4HrYmoW5QVrY5sUAWuj+20p5Zej+C91/e76F9br/5i+zsIHr"
    "agq1FVAD8uQwawDr2/RcwwQ6f/Zv0Gs5Lsyu8HDoN1seDuJ6XZYVtFWDPmLGiMpdEQN75e"
    "JbKv6zGt6zeNar1KQDAlorrd8zHTr18U9RYqMyuT83Zlyd4h+NNlK5ks0m+kMxOsiP7+L9"
    "acCZ0pAfv4urDvnxDajSVEXkkmpTpWiW1piCgnTibhh0QyKP2JgwOlerpRJaXEFypxMtXa"
    "pyelQU6o7GA0O3FkM3qNCng+9SYnAIt9Mz07ZVGXYVEWxbmVXX4gn1pic6leG5MLR1wExJ"
    "AJyFTMSg554OnCkJgLNLfdfofE48D+PTqH33SOUoKQwaV3pK4uFJT/DWXSVfRty//01cfs"
    "JtNUbJ34kNhQbBkdKR++uATWpwpOziqoMjpdl7VXxy6phVGaEBFo1pxbaaYyzr7GjWscpK"
    "7bRzhfqe2HhaGzUlMsBt2nztukfqYW5MVMyScvWalgFLK69gQ3jMqfgCVb3LFbCm5ADaEm"
    "iFlWeq2qmsgnYpB9AWSm4R15cgaVbFzYmB07XOxYCTqeSm3SvS6crzljNCkLCcMV6aSFjO"
    "O3dqRxxycnDtqHHtSHnO6mvxrBBkx+h7edNxn9987gXNmBaMinfDdDbkXR4nM36OJqyxHn"
    "1hBmZi54+m4wdgbIjYWTLRQJFKalNtCNTndKGxgeDUZsDlFMsCJ/JVHCkiLamn46oQi50d"
    "ByzUPh0KYwiegBsdgic7v+oQPGlAlaaDJ3odVZrto/Kyp1LLJmHwfw1o4/EDtLfb6dtrPh"
    "vcZ1PMng1x6WNqrlp1wfGSKaCMkEYZISgJ0nJpBchDbyYPvY4bKV2QYWMjf5AlLFo19IvJ"
    "uAp7X5mxW272q9OGwfzvlXocg/kPhiCY/zu/6mD+N6BK0yk+ssWGjpW6lBignbr3ppahKo"
    "eVt9t7UzRVGV5Q5hm2uDWoOBLV6qogPECN1RMNFWNS3cDSMz1fq/PNUqKtd6pw3Rt9Prs8"
    "Pb/8aFyf/XR+9vNoO69X450sGX4k+KmEelSlxDJia6HesbjsFhxuCWr6V66cKFTH77ICCx"
    "fL0K0EkBMb5EtV862qfK0K75VlctnszKLM1vOjFgWhMsjmecLKhSmuSlxhrqb39UTMdZ1M"
    "1asVqeuBLW7HOo7YzfyFS8aZylGY4aNVeAiz4xr1DH4ZZbpKWs9SJfwK/kLwF3bRDhuw5w"
    "j8hbu46uAvbECVdtu3oUjtiZwbffVqBBcpi/qqJuLVxkAiBB0rlIUCFg6xgouePrxKYYC5"
    "CLMt7kgzbXxzUgBsdQe9sA3AOht5xSwA/KpGebqAl0gD0EWgqe8ZdGIkFrM21uUTANyKFH"
    "ksvs/ihn5V0qLk8Ny9bUSrZNkh7NqJr6m+bz0vOTy823Kvv0DRnU7j3Hymg6xYaWsHYbNS"
    "w8O5lRhs4D/WjBKlRIBurzRYwoKrerDmpOB+oWrHG1/DNHvxZsVg0yqZe9x3grp6a6JcPg"
    "Fs5RrdTlMxvQ3zcnSKQXRtV9cNDee3WI22hWGkdHN4rwNaykk820ABTh/yNcBN1xjfEF9l"
    "nfN+KYu6IOeO/Bo4K5TsljVGT6EuP520k/vazFc7t/F8QT2ZXRaRexQ0lOKgcRUbhSyHp8"
    "hHTbNSxFSUGQ84ML7k/4CT8pKclMxy1LWgM0IDTMd497aGAf3uban9LB9lb82aAA8X2r39"
    "ozrezf2jcvemfJbztMXhJC1fW1pogEg3v4kn4ssxE+eiKjRSDnRODKCuAXV4DQlB0oA6Jz"
    "ZAqJt3IkeYreHDADfRKjeR8Zsyy/MWf60G9rdNUj27aXkoSY1nvwTFb8rLLyecxoury4/x"
    "8HxN5pynHljGO8I33SjbpDlbNFNvRmGG5uvRlFugi/xIqJXSL/0PuQ+glSD3YddXHXIfGl"
    "ClmdyHyUSArWMIpmWgZOpKGxBKpqZL0dSrRFNViCaPr7jUqWKq5QAnAgNEeL8ePauCnZWH"
    "1yEWdi2sqSOyUoNrONW8Uy4G7NF0iG34rkcc9bWmGu+c+IaNKfvj7VD0pQwNPoEJt6iep7"
    "MoObgN3E7HtA4mUhaLRB2f3J7/dLYdmJun27tBWMl0DPGaz03+oCoPXnW3UEkPbne3wQaP"
    "2+zoEmpzcuDQV1khC2wR0/GeNUuu58SA47mS45ltF7UhZSvbo6pne7g+Py73BtdgyCUbsw"
    "GQb9Jz9Wsv14U4/x5vUOq+Ix0T+7LZM7v2ntIHMcmGeH0IZxkqSNxfYPZIuMzx2jJePXm7"
    "s0ZYlJYvC3lsCJRWsbk+YrVtjPr+/sGeqvH+vUBz117uK0dsKA9bs+A3bwjWbTzPQDeVzz"
    "fuI/Qjr9U/qC/otEuBiV89Jf8l9V5WkV/Sw9pkvnzJEG2iC33k5hNDv4wCn2rM7888SHyB"
    "aSd2+EgqfaHyMZcT/grsGmDXdEIfDJhnAeyaXVx1YNc0oEpTxopu5PEFAo7bI380HgvLXC"
    "W0IIb8Qg1qgpx+ykxVT+2buek4pbohIzig4MzB/vt3iWqQf6nSCjefji8uVGVkqIVtn8lq"
    "fnrdyouSQ8hkaTuAm/IbUXl0FwCv7KmtkIZ22hrttEOLbsLoXH2bLLlbZKR2mcu0JisM2G"
    "Cd5iYp+DHXZ//3o7jEn52O+nonC1Az9HtwFgSHd6q114lT+qy9NToGZuUGxwNrheWIXZsy"
    "rg12Tmx4u7sVsB2Te0bUyiq4fOkcf0rhXT4E701OuB7HLi0yIBOuwXKghWhHTWQVkkAOVT"
    "nRhFWhyQtdSgCiQLfdKrSZSKUGtnk5ALcIbsLP0MM2LwbQ1igFnC2WsSGHOV+lo2f6ty6P"
    "WXGi1yGLE1VLan2eOKl1f+0rtqkzHQj4jYNbj4Cv1MUNIDxAvlwe4fwZVAPhwPJqAN0dqm"
    "WdNlbraInk0tXIGTf4+tWFSyok6rwI/3ZZR1zGxl4Uv57s5KwDN/QIiqk3ROwsmWg3dtoW"
    "0erjvkrUozo00Fa6RV+gapcjH3FiRkqOfPxwXM2RTw9bxZEfXbkYReRHRCfIRJbpmQ6d+h"
    "gJFcqeX49ycK2WuHPv3GPE6BMiHBEXTSizsPxvamQ0AUdfks+M6LMxYtgjTGw/4saffYNM"
    "175z5RwywCHE8GSChZX6iINXeoyWf/for38Vv4rhgLOFhAjDEspoWo68GQ5+nZgSmbbN71"
    "wTufgJCXt3jDhF1LExW/5CcWN6RpIrKxEO4FA2bYhZTIV/D3RvAN5/N8/OATPAgfe/i6sO"
    "vP8GVGlKdWpSejci8tZAEsppDpLqf1CLcXNQwbg5KDJu1mL6b8by7xzKzdH8bfPZ4D6bYq"
    "ZLOc9JAt1cg25eNCXqH2xK2SFt6wbbsOStTQ2Y1cIQmi/CnDXY1bfyEsppQXJD8mPXdrQe"
    "+zHt6VgPRk9VzXinGKQT4qgqjlaeZIkMnGEaZ9hLkvS69p4DkazT0FYQyV6KiNO1HQxMnK"
    "4gXJOJU85haDOOdY0fCX46eQ4Pi0IkK/14XBXLYsFAw0pGQrOzPinUMYRlwEEPYZmdX3UI"
    "yzSgSiF0sK1k3QVmhNqGuGSyEjVVkgmZk9tpL1UEBnYVl6eVEEZSOw2gLW6renniS4mdBq"
    "4nJVKuPp9djraiJFuojiIsTctTHun/uLm6LEE5LZTfocTy0P+QQ3hrp/vobxPfDb4f3ftE"
    "soH5a/m1f29rESpAlyBl7m6Fpvb5/vW5S5mcIN/UfvsJ5h1znbTtA9xqgmPHsG0uv7FOVg"
    "2kNlRh3ioF/QZzHv7OgtsufjSuctnx1CDw1vVJ9Y3BWwd+G/DW7fyqg7euAVWaimvSB+wa"
    "M5PPdEzSrFQzZunLnlAtV/fGXxcyuWsNXZWVHKCu6oluijGpVE4MP4o3Y50jKSvZwDJ300"
    "IbxCrLzlx6royUBFDFVvsyfN5IQaya7c+6Bm5dZ0ZqU2WcGSfHNyfHp2cvxa65CcmWRfs8"
    "8ixVGOfxCLDM+/Qij8EyBxsNLPOdX3WwzBtQpV1Jb+6QNQ7ZzX2jKBGe/OwCypVJTFlByG"
    "TSyGSKfrYRdCMi3rMxp643UwQoS7VxxQzb0877b3uinhlehoH1sS6R3uIpuN8TnPEcMwGA"
    "9WwwvKDMM2bUV/VFL4W6fALY1QW00wVDqUMsRUZZOYVKKQxUqoyCX5dKVfCW1SGqiBPzQf"
    "zwDVkqH8JZenjVKaWoZMtYcFVpYh2ETsQU19iizB4qSDZemCx4tTeE6jSZaKhQLeKqohsi"
    "pVOdtJdApdMnN8Qql7LZy9DYlol0SZq3ylWfzgGv8NdnhoHTflsbBpz24L4dg9MeVh2c9t"
    "1QpeC0B6f9NsFtzGm/llch3YBtYxtHq2VdXy7uhUqvxksYhX1EK2kPsTFOqTYTPXvXX8Qe"
    "XNakUtiDmYJV5fZgpkYW2INgD4I92GPLAOzBXVx1sAcbUKVgD4I9uE1wWyFxWQKNKVV1VK"
    "jYvimZAeLc/CbuYjWggpIYfb6++nx1c3Y62grKLRQE8vkCu7JlpLq4fwXaBcm1UO+YKd42"
    "3sJEZPRRgKZXISwnttsdABj3DMshLrFMx/C5brW10gl2G1VHdtnVr11XEAQUIzBkX+zHoO"
    "F92Mlag+xdOQ9wvzW430HvD8MxVRXAVjcNSQQBc23MtdUInG7LN9/15/eqRO/y61hBcIC3"
    "sVq23F6FLbdXtOWwNyMWN8ILlrgOMDzRgb1EHMCvBT736GIh3nuGTa7SF1W2Xl5ykJDXxL"
    "wS9ALq4tCTfe/MoKeY5rFYkIWTUeNkDNHTCcSlJKDS68rqKBKtIrja1VGGyb0Y54qkpLbW"
    "BhVft50j0hOwXzzvoZ84bZ/i0hec2mS4BNWgFOSWuEpUOa9FPDHiklRAa+nVMTpGQGsBgg"
    "PQWnZ91YHW0oAqzRZo1OVfpGUGR29pvmLwwuT8SVgL2rWZC4IDJGLsHx7WIbwcHpYTXuSz"
    "XEUXqsxDLq93kQh0o8aF/L5e17hQFxwQ1rvWqhQlYXkaX5613Kov4k+Nz4TeulMnZhikpV"
    "Oi6jdUeoEpyG3vGvOmJ9cYh1qy5rrvekRBXqi2BvKyULK9yyXbHZN74auwhuFXEIa17vJa"
    "p/NT9eJQCkmIR62MRy1ygSSIS9WISym22gbxqait3YYRhVQHvZ5Zhy8SUPgZ388ofRgpYg"
    "rxo3FVWOEpNQiiCn1ShmOIKoB/GaIKO7/qEFVoQJWmXiKmsMIrAgpMZXgPwr1djxO5X8WJ"
    "3FdwIvGj9IqGkxWALveo5sTAndq4O5Vjcfgrjo4KanAiMcz933w+M7ist+ayjm+y93rJ4x"
    "mp7W3rUVtapEtF24T1KTYyI5uyDiPL9jSc7rmHquYlfQUJbOU+gzSyK30Hhp0evcqJMLpy"
    "MQoOczShDFHxt2ieMXpixPOwi4iLvBkWgJguN8Mjl06Cj6yZ6U4xIh4K+2jw16Mc3m3Mv9"
    "q98SVVEsHFXz1hSXl4vpD/H/0Kvg/wfXRC6wzYCgbfxy6uOvg+GlCledOc498V1zMyLW9u"
    "lRYbUmvxv+zvHxy8339z8O7o8O3794dHbxKEi4+qoP5w/lGinXlNyuAPkNOwWLJSAzTE26"
    "C1PjtUlb94K65uZYTWRGQQEFcdAme/3FY7l5Iz4OLq8mM8PO9xynXjtMV1mHpBC7wHrGWS"
    "K0QHR90+qmOWH5Vb5UeKhP/uFXVTuD0+n12enl9+3I73o4UiY6GZp0OJTIsAGzJ/BuaNZ8"
    "3LvEJ8gDf6ntzg65MiMWNUqwZPVmp4BUkOa/lpDyv8tIeKaiQStFDLG+qawOXFMRSiwEpU"
    "NcAOXKFrOSLyskDw7bLeip3fWj7crNCQTOW2eL0pfuKGlN4UHbJnENel82Z3lzaTt83Q0z"
    "FmxJqNFBGn6Mm4svbFcgxwVPv0Yo8r4jSlvtvyW1+587afTpgt5BPLl0oD4Wj4ANFtpaqi"
    "+EYv6iJel8eWEtk+h+1l7naNsdU0SCfNH2Z//D9S3mkY"
)
