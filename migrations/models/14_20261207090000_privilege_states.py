"""The privilege states the audit log records, by the fields that decide whether a
privilege is in force (R16), beside the chain (issue 19, item 3; domain/privilege_log.py):
`audit_privilege_state (seq, privilege_id, status, valid_from, valid_until,
supersedes_id)`, one row per privilege event with an `after`. "Which privileges were in
force at seq S" (the privileges exports as of a date, domain.history) is then one range of
a narrow covering index instead of the JSON of every privilege's last event: an export as
of 2024-01-01 at group scale read 45,780 states in 267 ms (SQLite) and 430 ms
(PostgreSQL) from the log.

Nothing in it is hashed and nothing in the chain changes; the chain verification compares
it with the log. Append-only like the events (triggers refuse UPDATE, DELETE and, on
PostgreSQL, TRUNCATE). Backfill: every existing privilege event with a state, its fields
read from the stored JSON, as `privilege_log.state_row` reads them (a frozen copy in SQL;
tests/domain/test_privilege_log.py checks that both agree, and
tests/test_migration_audit_scope.py runs it over events an older release wrote). Run it,
like every migration, with the service stopped: an event appended by a running older
release after the backfill read the log would have no row, and the verification would
report it.

The least-privilege application role is granted separately by the owner: re-run
`credreg db grant-app-role ROLE` after this migration, which grants INSERT and SELECT
only on the new table (api/db.py AUDIT_TABLES)."""

from __future__ import annotations

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

COLUMNS = '"seq", "privilege_id", "status", "valid_from", "valid_until", "supersedes_id"'

TABLE = """
CREATE TABLE IF NOT EXISTS "audit_privilege_state" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "privilege_id" INT NOT NULL,
    "status" TEXT,
    "valid_from" TEXT,
    "valid_until" TEXT,
    "supersedes_id" INT
);
"""  # the same on both engines

SQLITE_TABLE = TABLE + """CREATE INDEX IF NOT EXISTS "idx_audit_privilege_state_at" ON "audit_privilege_state" (
    "privilege_id", "seq", "status", "valid_from", "valid_until", "supersedes_id"
);
CREATE TRIGGER "audit_privilege_state_no_update" BEFORE UPDATE ON "audit_privilege_state"
BEGIN SELECT RAISE(ABORT, 'audit privilege states are append-only'); END;
CREATE TRIGGER "audit_privilege_state_no_delete" BEFORE DELETE ON "audit_privilege_state"
BEGIN SELECT RAISE(ABORT, 'audit privilege states are append-only'); END;
"""

POSTGRES_TABLE = TABLE + """CREATE INDEX IF NOT EXISTS "idx_audit_privilege_state_at" ON "audit_privilege_state" (
    "privilege_id", "seq" DESC
) INCLUDE ("status", "valid_from", "valid_until", "supersedes_id");
COMMENT ON TABLE "audit_privilege_state" IS 'The R16 fields of each privilege state the audit log records (issue 19): beside the hash chain, append-only.';
CREATE OR REPLACE FUNCTION "audit_privilege_state_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit privilege states are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "audit_privilege_state_no_change" BEFORE UPDATE OR DELETE
ON "audit_privilege_state"
FOR EACH ROW EXECUTE FUNCTION "audit_privilege_state_append_only"();
CREATE TRIGGER "audit_privilege_state_no_truncate" BEFORE TRUNCATE ON "audit_privilege_state"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_privilege_state_append_only"();
"""


def state_rows_query(sqlite: bool) -> str:
    """SELECT the rows of every existing privilege event with a state, in COLUMNS order
    (the backfill; bench.seed fills its log the same way)."""
    if sqlite:
        return (
            "SELECT e.seq, CAST(e.entity_id AS INT), json_extract(e.after_json, '$.status'), "
            "json_extract(e.after_json, '$.valid_from'), "
            "json_extract(e.after_json, '$.valid_until'), "
            "CAST(json_extract(e.after_json, '$.supersedes_id') AS INT) FROM audit_event e "
            "WHERE e.entity_type = 'Privilege' AND e.after_json IS NOT NULL "
            "AND e.entity_id <> '' AND e.entity_id NOT GLOB '*[^0-9]*' "
            "AND json_type(e.after_json) = 'object'"
        )
    return (
        "SELECT e.seq, CAST(e.entity_id AS INT), r.status, r.valid_from, r.valid_until, "
        "r.supersedes_id FROM audit_event e CROSS JOIN LATERAL json_to_record("
        "CASE WHEN json_typeof(e.after_json::json) = 'object' THEN e.after_json::json END"
        ") AS r(status text, valid_from text, valid_until text, supersedes_id bigint) "
        "WHERE e.entity_type = 'Privilege' AND e.after_json IS NOT NULL "
        "AND e.entity_id ~ '^[0-9]+$' AND json_typeof(e.after_json::json) = 'object'"
    )


async def upgrade(db: BaseDBAsyncClient) -> str:
    sqlite = db.capabilities.dialect == "sqlite"
    return (
        SQLITE_TABLE if sqlite else POSTGRES_TABLE
    ) + f'INSERT INTO "audit_privilege_state" ({COLUMNS}) {state_rows_query(sqlite)};\n'


async def downgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return """
DROP TRIGGER IF EXISTS "audit_privilege_state_no_update";
DROP TRIGGER IF EXISTS "audit_privilege_state_no_delete";
DROP TABLE IF EXISTS "audit_privilege_state";
"""
    return """
DROP TABLE IF EXISTS "audit_privilege_state";
DROP FUNCTION IF EXISTS "audit_privilege_state_append_only"();
"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/VNnRs2Nn3HTvTvj2G7q3cTOtd1m90YdliYhCTVFqARpR3O33/0CfI"
    "kPkCIkUiapM7OzdUgckPoBPDjv83+DGTWxxV6fmX94zJ1h2/3s0DllujV4h/5vYOszzP8o"
    "GTVEA30+X44RF1z9wfLJ9Hi8Nk8SPDDX0Q2XDxnrFsP8komZ4ZC5S6gtCM9sRD3XoDOM3K"
    "nuIsOhjGET6YgRF38/pxYxFvyWg9mUWuYQBdPzES5FM2wSQ7eQPh7rxGGvxSNNavBnEntS"
    "++wj+xo/YQdxFCzChzwsEHEZtsbv+Hz8GTPiuhhzstkDH0X5QBvp5ozYRIDgiguGgecuE/"
    "dMwmaEvwvjc/jv7dnkTw9rLp1gd4od/vZfvw6Y9/AHNlztES98uB0ymfB7/E/HszWO4G+/"
    "8b+JbeJvmIUkru56/uIQc8Dvfh3MxQoQATh2NH6R3woH+dTzR21MsGWmtkEwzL+uuYu5f+"
    "3Kdn/yBwqUHzSDWt7MXg6eL9wptePRxHbF1QnmT9VdLKZ3HU/sANuzrHDfRJsi+PHLIcEv"
    "StCYeKx7lthHgjp4geW1gaZd39xrd5f3mjbI7bGIIrExwksGtcXS8Fdl/q+fiFf4/mD/6O"
    "3R6eHJ0Skf4r9mfOXtX8Gjl8AEhD481/eDv/z7uqsHI/wlWYJqOFggoeluHtwLfsclMyxH"
    "OE2ZQdoMSV9Hf2Rxj1AuAz66sER++cFuA3r+A80b21qES16C8/3Vp8u7+7NPn8XjZoz9af"
    "n4nd1fijsH/tVF5ureyStxnfIvIeBX8SToy9X9z0j8E/3vzfWlDy9l7sTxn7gcd/+/A/FO"
    "uudSzabPmm4mdmd0NUKNj1yuujc311z1NCWsepdWnR8UTKBRnYsmKFaz0roWd7/VrHQJZ+"
    "YgTEN6PtUdOaYZsgyu/IW7+NHM9G+ahe2JO+X/PDkqwfHXs9vzn89u906OMh/CdXjnwL+V"
    "hjohZFSFOUHSQ4gPDypAfHhQCLG4lYY4kjI1IZjJmEQx1BLSHkK+f1IB8v0se19CLm6lIc"
    "dPxMS2gTVDZ5hLwSwP+j/ubq7loEuJs+cxMVz0H2RxYb8p+Ad/G3u2v+zowSOWS2z2Wjzv"
    "74OGFqVkEQRYqaM4An/v09m/suty/vHmffaMFRO8L1okk0wwk8hLxd+FhLSH30X93H7M+Y"
    "jStxATtGP/i8f2Zv+HSr1UTZCvxpKiTD3o4L4vgV6I91nxMDZ6VJYMY4rtsYnB58vri6vr"
    "D01t16bPUBMbnMma2oOSDJ6mWgvtUOFqy95M43zw5k0FoPmoQqT9e3Ko1Y0GacoajAYtA7"
    "8jNoIIk1IjgVgrofNrDtaZmh4gIe3fp7X/ptK3JYYVs7E3+a8rtOCvoX7lKXuIeiMHh79Z"
    "ldwKGaq1jGJtA7pms5jEtVMRXAnl9qyOnUKYPBELT7AqvGky2Lx5aPlB6gklbqKtCXLxBA"
    "B3ALfw744fpc7IGLI84D9RB5OJ/U+88HG/4q+l2waWABtGC3xOztUtlP+KNlV0dfmKjv4c"
    "e8ZzHzQHgf907Pow3HJJ8Pbq/H5QyJxrATk9XccYc3WgcwdTBawjWaEGnM+jSI6LxJz93N"
    "QZCasCzhKWC/yjCtTFZ1UB6oJ1P+jG47PumFqKh4s79IBmrsRj87dmB7PsFd3WJz5Y4leJ"
    "3xDFfc0JX7aBLCIsuDMsjQKbk8jVujLyqxhhSSRUJsoJwpYgbKkVX3+PA1ggbGkXVx3Clm"
    "pgpUs4/f/msCw2L0bje+i63q9qyi2z5OYDafCYfFNBeElRD8Yve/I3bLdlmJ/grjbV2VTJ"
    "t5om6+Fmrj8Ow6EWVorDiAnaEYfRrzikb3PCb68h+6QpwfvaZu+rg5/o41oSbpoSVrnNq2"
    "zpzNU8ttY6Z2lhpdu80pG1QS08KU21xWCwpg7LLUQn8QPfJa7nBqZjJbFFQgoCTC0CTM7X"
    "90IWZM8k7vkUG49zGpjD86bkzJBhqU1ZDNaM9OjVacWIkYmNTSTiPLHIS0Z0jNwpRsaUr8"
    "p3DE2xbqI9hv9Eum0ioau8eidSe7Ftfk9ta8E34CP2KfATJ5clF9f/jJE9sn93uWxh/44I"
    "C9KK5/yHon98uUN7l+bB8fH+D0Nk0hl/wH+Jx/N3eT1fvEJUZCaLmZJP+1HMIN5lZDv42R"
    "FeLRuNHTpDTKRE+3iiPQd/LwZj85VITDY8F7EpdVxkU2RRe8LnnekuX4CyVOV8GjL+E9KL"
    "t2unF5DnUH1PJoXAhgR9ivv54eDg8PDtwZvDk9Pjo7dvj0/fxCjnb5XB/f7qg0A8xX7z9j"
    "1VywiYRBRMIo8yLlGM7aOUTwC00hxPccTkwb3H3wpYRUzQC3jLtJ7Lf92Xi2Ox0vPx5vpD"
    "NDwro/0l1UxkGuhqzUSqe3YT+KYTa7kQRPhkEr7xnlIL63ahDysmy+D8wOmaAjq+st0t/v"
    "7m5mNqi7+/yu7hXz69v7zd2/eR54OIW3D+qectbJiusJ66J8wG21G36/HBtEmVuxSayaBI"
    "iwvuDlcrcDge2GRg0NcBfwpxF8Gu4vfCf0alkMK0Df9vahie4wT8NbpJ/ZDDYr3lZUXsNm"
    "gvWxGwi3Wc5KIpcJ0MGZylFc7S4HOIPqTKCVIpqh4CXb+XPeY7yjBvoPG0zA/RtMIT4KUa"
    "jpOmAt9AFd/AGjmVfa5kU/9Wzkg4VVHOkPUQ6vqPwKX0qA408OaqG/oBj6mDtT+kmmSxSS"
    "pD1gekt22X0scudpSBT1MB7uq4F5lNijHvV5WH7ePNfzZzFRl5mqoPuDfNyecOflKOFk4R"
    "9VAsqR9m8DrWDG7r7K1XyyipQanpNTlwWNEKq5EM0cpomi9TYkxRgoz5te3FlEHkCnrAIl"
    "SEibL5e4QxD6P9kx+jOJXg2cygcyxiVfKRNDXPL6JovoTRLsT2o2L4D7RZoGhGQTpBHM5Q"
    "NAhgxAzCcMSXEkTMoD2bulP+fmiKHYwIG9lBkMwQMYrEs8Q9228IwAnsCfbf2X9bEfkjJq"
    "KOaBCAAu+SoYuHv3qNzsJRaKYvRnbww8TvYmIu3UrBMBRz8Hs2tTHamzjUm39v8XHWO/RE"
    "GOFri/w4Ij7Et1UwPtLlk1LP9lsYJOcSjy4OPUJ7YRFfJvCZkYnjvy/aPxB4/p4O2wuDk+"
    "aWAIp/mJjTDcWj+cVxkPyNHvHinb+K/jPRzGOuP8KixuPITsyHHPrMf6iIWUrvAA57gG+Q"
    "Hm0Wt0lIv53vtIrCjzYMSiqz7fcsLumFLfsQvbT16KX8Z1M1Ii9H2KdVqLfizguKEj9jPc"
    "3hcjcriAzTaNxKKeGGn1GclyPRSUccjuJwERkUmZBUcQCI20TccIhuEdEFJzgmJFG2tc3a"
    "trISXfH4Qrxqfzg+aI491hzjKkp3Ih+hkPFnhlU4ApYVi1hMsvI0uOd8Onj7oPVaUJcYPU"
    "997iu0h2hWoUxwPYIrDgZXcm73T14JFQTrXCVMFZlKHQv1Tj+y/V8W6IW+2mnRCXKwQR1T"
    "KGHhGTTnMwe62zNxp0K7+d03hv8eK6U/DPkJhGfo8MeRHWqnS/T4nL5+is4Q1x8X4jWexb"
    "vHWlioOGIznpfpC/78BxxpqCPb107fodHg2Vea49kZevYV1eiX6sEJeTcaCABExZIg84Mr"
    "tVxL1B3xe/x1/o6rtnvJolRDQfgK+V+pr5IJWv6uc91hqRM4gEKAybW0xfJVXldXv38sS4"
    "dJ6aQjO6GUHr0KFEY/LUj085vo4kWDV+Mr97BY5uGk9O9NJQEIAHthNfEl67G27kCru8lW"
    "QReFYrfUhl0UWuYe2bZb6olrKVxI4FxZBfM0FeC+Lu6e7RJLHfiYDJBXR555XIRimL+tGv"
    "vO0UGB51aZm95T+hj81JzOEd0q1TMeEoNqzQ/4OjAsInxeYVlS/nFjx9YtzcFjiYNA1iqZ"
    "y5imZ2FTixIH/M34RBgtGZK8MoR+yy9jYILCpcXQ97eEJRQu3cVVh8KlNbDSBOtMnZpVzc"
    "VpKjAaV4nmTwokClBn6XoI9v7BaZVUq4PT4lwrcS+zsantij2q3mE2T9lDzBvIvGKMiP4P"
    "al1m01RQIaxcE1+jxOncoQZXURzMQTeVEonylD38DurPJcqqhHnBtMD0kaHb7T6/MRicOT"
    "jKAr6EHEp6trmkJ8OuG9qFqrKnBEkP+VL92ed4hh0OiSER9Etr5qTooGiOQtGcmemqSvsJ"
    "kj64HbYg53ekI/zd+c+XF798vLxoSq5smn0YorObZa1nZc3Qwlnc5rNYtyz6rFxaLUG1xU"
    "PiZZa0xjMi7syompydI+yFELRtP3UQTcjVBNVwrwxhn8KMthyqbOgMa0EEplqsQJ4QggWg"
    "c/wLRNNx5q4Y5bKkAERliGYDL1Sih5J0wBAqtIeH5uXbal6+3J/bR7plu7oq0LlPugrMxK"
    "2jWfkd6bKhfTWyy0OoAqYJYasGaM/5bLfxZP3cuXnxVLkBfCJs0O8OIzFzvQ8Jf/rnLbb0"
    "gvqK6QjNK3+uHu3sv7YQ8RqCVhz3ukR1ZfSrRpZjKzQ4CqqOiHQqHY0913MwCif6jqHIDI"
    "AMXfSvEwlRIonNz23DZkj7LpnYNshgXf8TRvZeSD4Mb78aoiCLTSRrBdsJLZcRPWI8Zwh/"
    "40BYYnYDF5cAiTH0P6lgeq2gCkhs6C2t9Q0huRCSC8GZEJILqw4huW2wfiTOtLy4V2KSTt"
    "P1ybC0bYt0AKR6gfMcYS98Mk0HjlI+zXo+xwwl+B2r+x1t/Lwm6BlKAL066GK/ru3wlRL3"
    "gsFs2+krdvDayyAlhmVYJ0e8G5FbN58vrwdbOVqb6Dj0yIV2C5uTuPF9VawlpP2LSGyoMU"
    "4COXVNWEIO8XJtjpdLWyQrasBpoj4pa005qhOlIzb0PiUqVXQM4qq+p/TuUvY7bcGf8kV3"
    "jemg2J0S3B9W8aY8x0OrVq59tyxtFxQBFAX0nqeUYYTHY2y4SKQDBtP7lfrQA8Z2WCYQm6"
    "/Rx6AIbc6VUvP8I5uI6vGPmAVlDEM/jZ+Yx4QvJukyQVOukokq6hz6BXqmzqOop+eDA2Vx"
    "2+giEftD3cqXpOrTsbEFG19Laiid61z+NHXnQl/IGGDydin/M8KBmhmOrOBLNoPip7qLHh"
    "ysPzKfUX2ifJrF9z85hP8HOZ6F3yEd/Xzz8eri7N+CVenoGeNHcZOKiqtfbm7/ye9IHMl1"
    "Tj+y90beqfHmcOQdjff3fT74vTfnz1i8WlJxBFrJ3cD/C/7f3fMEgv93F1cd/L81sNJETp"
    "IuMdQV140Ih9ddLuJFTye1YhFcVVLq9xiN74XVPm3QrJJgXZxenUuuVu2j3tsO6vuVDMX7"
    "JYbi/cBQ3DId5N9YdwYlSoh/v5oWsoiGVlBDxNjQIDKlltALmF/mv0jgD5rECbu4HdhW/J"
    "YW6Jx6tkGs7/xueMTIN49o7Ekjm03JfI7NoEGEGDh3qOkZLtq7+emnq/Ors4+vAnWGP9zC"
    "wXtg28VOEELrNyGkbE5c3UJ7H2/O+fjXI/sMjYklei+YXFrgf4TalOPZoreF6P4X/iL+VO"
    "qJNnwi5pYw8fQn3yepW6APgT7UqROsv5Ix6EO7uOqgD9XASpdwRoJFRSyj4eCByMefOWRC"
    "lCJalxSgLK1Slhj1HIOLXMS1lJSmLF3vlKdGomz4S3gzUabX9mYPstT1YsAlpL3DvDaFNV"
    "VLxHuwiGhbp1jaNEu3oa2qO7FMobGqNUp/nHUtVfmTOdllCn8qE7xtbVzm2BlTZ5bo0SKp"
    "Y5wbw3VpjY61VBtKyUzJK2KfOno4oaSdTKLGS+4FUjU1E4VMRflH8SVY/g2DzuZW2M8w2J"
    "+6Ow2U+7ml2zZ/DwfTOXbiEdKfEQ4NBsZ1FFxsTAP8w/cVhXJjhQPbZvB3iGD+5y2HQ2Yt"
    "WBLawYl7rFOCJWEXVx0sCTWwUmh2A81u2gM2NLvpwwaHripb7qoSq1ppnO9mumUVHoZL/a"
    "xHgdKHB29P4oNQ/KPsDLz7dPbxo6QobEaRrWzIydDtdI+aJRjqQnmWFjL82pzhB91poDtN"
    "Bur4SmeLUQhbo0mY4YlMMkXUc7SAvALyWbuuAvBZUsBdqddGaD9XADymAaQVkC50UCggXz"
    "gHrITCSuimsAhiDT9hWyKllrf0ydIC8irFniS+OAXwpa48wH99/Dkb0Rl/ERUpvmyO3oWM"
    "HFcKGTkuCRk5zoeMpN3KKipymhIU5DYryHG4gOIaJ+lghdu8wimNb42VltHDird9xeecBR"
    "ODzHVb1ntCtJsvXu0sbXa1ieGi/yCLsMZs8YO/jT3br8WLHjxiucRmr8Xz/t7UeVqy/AKr"
    "1MrnKihmiyVmllRMkK2gKB4vnHdrhAKlKOFDbPOHKGpCOWsx3TQlrHKbVzkd+qloi10Sgo"
    "q4pplKN2eE+UV9D/dVzeGl88CKrGuu0tZy+hdM0aNWkLVEAMijwitGGRZQ9whj6L/bGYSh"
    "/y703+0QuNnEm4rYZskAWmht3EjtaGhtDK2NO76F1VobZ4VZ2MBVOYVcC6gAeXyY1YD1fX"
    "KufgKdPfs3aCQdVZ2XWDjUO0n3B3G1FtKSsFWNPmHHITJzRQTsjY3vKf+/1fBeRrPeJCbt"
    "EdBKNQtc3aITD/8aJjZKKxdkxgzL6xeEo7VErmS9VQyg0h7kx7dRfupxpjTkx+/iqkN+fA"
    "2sNFHuuaCUViGahQW0oNoelw39Vk/kCWtjh87kbKkgLC5HudOJljaVGT1KqpCH4yFCt1KE"
    "rl9+UAXfJUXvEG6mIahpyjLsSjzYpjSrrsET6k1HeKqDZ1zRVgEzQQFw5jIR/YaCKnAmKA"
    "DONjWVo7MZcV2ML8Le5AOZoSQ3aFhqKYmGxw3PGzeVfB0w7+EPLvwE22qI4n8TEwoNgiGl"
    "JfJrj1VqMKTs4qqDIaVeuSo6OVXUqhRRD4vGNKJbzTAWdXYU61ilqXbauEI9l288pY2aIO"
    "nhNq2/dt0TdTHTxrLIkmL2mqQBTSvLYAN49Al/gKze5QpYE3QAbQG0XMvTZb1iVkG7pANo"
    "cyW3iO0JkBSr4mbIwOhaRTBgZCJi0x4k6XTFecspIkhYTikvdSQsZ407lT0OGToQOyqIHQ"
    "nLWXUuniaC7BgJFxeiA3E98Rpq2OYJIYljZRJHArQ81MrBwlfp2bqFdNVw4fw+2yBgWDf/"
    "8Jjrt0ubO5QzeN3aMHj4LJ7xczhhf5YiHQDypFueD8aGiF3GE/UUqbjA2oZAfU5Wy+sJTk"
    "16DS+wqNIjPsWBxF2YuDss8xOa6XEQSt2lo3cIHkDwBYEHcOdXHTyANbDSpAdQrS1Qvc2A"
    "XvZUatiu4f9XAdpofA+NRs101tYXGvOcCXYWGhf6HHnAZXnV/IIpoBaWQi0sqGvTsGkJii"
    "nUU0yhihkpWVVkYyW/l3VYGlX08xnlEn1fmnZerPbLc99B/e8UexyC+g+KIKj/O7/qoP7X"
    "wEqTeWqiT4yKlrqk6KGeuv+mkqIqhhX3jHyTV1UdPKeOq5lcapAF+pSzqxxxDzlWRzhUhE"
    "l5F1ZXdz2l9k1Liqa+qZy4N/h8eX1xdf1Bu7389eryy2A7n1ft7Vgd/ETwc0H8XBkTS5Gt"
    "hXrL/LJbMLjFqKmLXBlSaPHQZgYWLJamWs4iQ9bLj6riV1X6WeW+K0NnomOfQR1TzY6aJ4"
    "TyNpsnu0sXJr8qUZnEitbXcz7XbTxVp1akqgU2vx2rGGI3sxcuI85khsJUPFqJhTA9rlbL"
    "4NdBqjWqsRAs4TewF4K9sI16WI8tR2Av3MVVB3thDay03bYNSX5aaNzoqlXDF6QM6tkqKc"
    "NpIsjYkVa7mFvE8AU9dXilxABzHmaTy0hTZXwzVABseRvIoJfFOht5xSwA/Kpuj6qAF1AD"
    "0HmgqedqdKzFGrMy1sUTANySOg+YP89gmnpp3Txl/8y9TXirRO0sbJuxram6bT1L2T+8mz"
    "Kvv0DlqFbjXH+mgyi7aio7YdNU/cO5ER+sbz9W9BIlSCDcXqqwBFWD1WDNUIF8IespHYlh"
    "ig2l02SwaaWRe8yz/OKQa6JcPAFs5QotexM+vQ3zclSKQbRtV1d1DWe3WIXem4GndHN4b/"
    "2wlPNotp4CnDzkK4CbLJS/Ib7SYv3dYhZVQc4c+RVwljDZLXOMjkJdfDopJ/c1ma/2M2Vz"
    "4urWB4d684EkBCU9YFgWhTINh2qTeOyqSJTBGRp5x4eHDyPv9M3x0cg7Gh8f/ld06Xj/7X"
    "5w6R1K1Npi6Jk6oi0uiuJUkMc3g4N0ZGHdTA59Pcgs6lYeCPl1EC/TkeO5x5ETEC+zi6sO"
    "8TI1sFIorwPldbYJbiOWZi6wSYSpYnyj8VsM8/p0eXF1fvZRO/v48ers+vxy0KGtrJCiIC"
    "0yvGFxkl4WGG60NMmViWdz6opCImEeh0Tdyw8alql8ZDk8kWdSdwICn4o62iP2/WziP5B+"
    "8JLqVGo5qnLXFFEPj7CTowpM9eSokKmKW5nzSw3g/kK7f3BaJZDl4LQ4kkXcywRVRJGDKh"
    "iniHqIdP2beMwfjp25Q2RRcMVAZ8gA6gpQBxbnACQFqDNkPYS6ftUtxGwNdzVEBKyKCND+"
    "kBb0ucffyoH9Y5OqPu3UD6T2uMt/3adMcbl2UbE57uPN9YdoeLaHVMbKAwbyHTGVblRYoE"
    "ZdNKG9y7TQtHJfon9mBir4G98e//B25J28PdTF/58eoWfiThFxGaLPNh91cnDC7x/hfX7/"
    "9OHhVNDhsfjb2Of4YmPq71CkmzPChAEZ6baJxsTiu2mI4h7DTFwu8UJu8zVGtqgxi+bUIs"
    "YCPWCL+i5N/rQf/Sca+mzuMT52T4xjrxCxuQ5OXMRV8ZAK/JstVMiBfe8K+wb/5q6vOvg3"
    "a2Cl4N8E/+Y2wW3Ev8nFMWwbmHMKFZTTVL1rcV2/Wc3CT9hSQjgi2CK4v1x/uD27uLzYDs"
    "j1J5YSFr9zDunSBjhpQmh7o9D2hkPnB+pqIoZVHfY0LSCvgHz42tqTbhGTuAttRm13KgmI"
    "KMndK5xhezLewVFHhDwHLwskqmNdQL1FWfqgIzgvG9WEJd+n1JM1ISqEungC2NU5tF0Reu"
    "PoziKRYWLqCxW8y6bYHuI/vOkI4sGRp2TCTJJAWurKtNQ4c2jDBLNc1lK3UK6aZJbcXRv0"
    "jIu9BFqUILhhcGaPUyozgsWEiNs1xLMGzfYMfJuYsoN2j0qwRX6mzRCr2A6yi/uKPvNfG7"
    "n2NoTpPpqnp1jFOGmxC7QuxM6iCfv0ITbp1pcyMYl/v4jZFTv65yGF5mRJVrr8v0yxg5GO"
    "kp1REWEomInfM4UPPLjLMNobecc/7OtJn3zSC//qHZ8qOiaR7vJ/Bews5+Pf0nNHNh0j3U"
    "4mISMbY5Mh/kDkGwj4X8idchrh0nuNfvcvamOHzn5H12LUfyNGuDyFdOuZS/8jey91sKGZ"
    "bmI0po6g14OZ8DfxG0z0gPl1nE6WNon5qmKcwNdUv9pQkklMJq78BsEEEEzQCp7aY7cyBB"
    "Ps4qpDMEENrLRTGaefb68+nd3+u6t+wqXkImdTBZs2RVXGojqrI8kQFhxGip9nu0Ti0l4F"
    "YEy2ywiqNhXcqJtgmyMtjivFtByXxLQc52NaMqK/gnSfI4QUG2lB05y2VRFgCSUgXKXO5h"
    "K2GvwanzPTdQzsqn4NyWarUKswkwyyIdRqBSa6inSeb7aqPGFqvxcaEpffwyoDYmJkrTUq"
    "IP0FLFZtZAM9tl2AxWoXVx0sVjWw0lQ7zPFYMYMgSQNpMBmdFtJgyuyBlUwG+yUmg/28yY"
    "ALdbIy+8UAxwQ9RPigWp5RSZoRZBm9TJZRCNiaBtoC8l021MYRI8ygahWR8pS928CNJCSm"
    "cdNEqqwkEusfdzfXVXBf0md3MTFc9B9kEdaY+Db429izDT+U5sEjoo0Dey2e9/emVqdkMQ"
    "ReKeE8V/AnW9snI3WLCXIFfzhgE+ooFRhM0mzxg+AKw08/beurqPv0bGO7+ZxwPTg7v7/6"
    "dUvFh+v3Cdt+lJpuafzkm+nsESv54OXUvWP4TfTMnOuOOxMtoRXbDmbowI0kU8zn2CC65S"
    "7UwM2SQcrRSg/dcj/W4DS6SE3WsT1c1WeU+4Ir+ObijVkDyHfJubq1l6tCnP2ON0ju0s0/"
    "PBas1tyhXDDUrQ3zI87iGT+HE/Zos6d27QOlou3Xhni9D2bpK0jMm2PniTDRCXvLeHXk60"
    "5ryZZu2xwrQ984A+6cT7Hs0tBDrLaNUde/P9hTkLPbFNuKCkRsjFn/mkVn6oWZkLtbESuP"
    "YVl9GBWIfmGVIiG7gk6zwXTRpyeNpEt8l2VhdMlhTcbQSVNDQ+soH/p1EHgJwrY3qRuxCT"
    "XpDgtuibOSn5SYQWYpxOm1hx/0OGIL4vR2cdUhTq8GVprQ8VRjGF4gdGF7YWS1uxBTooQS"
    "xNDRUCHISUw/cXRZxfW7mW5ZhbwhRdgjn9bhwduTmDWIf5RxhbtPok2wJKWPGtj0nCBgRm"
    "UD5yn70Durab93wtxGxdGdA7y0cLKEGkonK5ROhgIAUADgZRFsY0iXJKzo9vJ/fuFCfHdb"
    "AgSoaVxFkvaDXAV3grB/p9r+m6qZFKWpFLlwRQcLm7XQuR+UROEsXe/C5xqJl8a2SR2mDH"
    "aGrH+7u5luOTpztbCQvy98qRx/UuJdPgTjwvGK4m+KDgRfBcF3Wapf/USU0faPbTR1KD7o"
    "jDC1MNwkSY/MFVCGqDMIiwa+iqHjSwpAFCLytwptyiuvgG2WDsCVCQ5RfXwlbLNkAC3Uem"
    "tRrTdGZGU41VNJqvUQ6Sq2iTMdcnRqB7dajo6UF9eAcA9jQ7MIZ8+gCgj7mlcN6Pa4g1UW"
    "5aSyWoVLxEJXLWdc9WjwjsKbE1K7n8vXkZXIuDaYJwp5THw3MMCnCN+yBe6GiF3GE/VI7i"
    "rZaVtEq4v7KuaOci9YU5lFXYGq2XSQMPxrIE0HiW4Oy9NBksNWtmK7ER3JgjhfJLqWIUN3"
    "dYtOPIw4C3UWftewVBO1lRQje2SfIYc+i9ZqxBZtyoygWdlyZDgBQ1/ja1p4bYgc7BKHbz"
    "9iR9deId02R3bY8AxzMjweY66kPmH/kx6i5b9d+tuP/K0c7IcnIk7iYAFlOC1D7hT7b8en"
    "RLppspGtIxs/i+ZsQ8QoopaJneUbcoFpgURYuEC4qIna10EUsJf7PUFOC5SihhSXtp2dPU"
    "52gBSXXVx1SHGpgZUmm5CrRa9vFLNeAUmoQd3LrJbDSkEihyUxIof5EJG1klo2S2hpHcr1"
    "ZbSY+kJjnjPByuFlGUoIMFMIMMurEtUPNiltn7Z1badcXttUgFlODJ75PMxphV0ulRdEV+"
    "coN4zzbduOVgv0TVo61oPRlbUA2Klg6TGxZDWJS0+ymAbOMIUz7CVj9Nr2nUMcWauhLYkj"
    "e6k4nLbtYAjEaQvCFQNxikMYmvRj3eIngp/PF8FhkfNkJW8Py3xZjj9QM+KR0CG0Swx1CG"
    "4ZMNCDW2bnVx3cMjWwUnAdbCsvfY4dQk2NC5lOAZsqSITM0O20lSoEA9sS4WklhCHVTgNo"
    "cmlVrSTCkmKngetINaCbz5fXg60wyQYKAXFN03ClR3pxL8kUUTsaSIrH9qaB5Pbzy1tmOm"
    "naBrjV/MaWYVtfemOVpBpIbSjDvNEQ9DvMWPCeObNddGtYZrJjiUFgresS6xuCtQ7sNmCt"
    "2/lVB2tdDaw04dekj9jWpjqbqqikaap61NKXPaEaLmSPv81FctcavCpN2UNe1RHeFGFSyp"
    "wc/MS/jHWOpDRlDcvcTg2tF6ssmtCpmTISFBAqttqW4bFa6mFV7PTXNnCrGjMSmyplzDg/"
    "uzs/u7h8qeiauyDYMq+fh5alEuU8GgGaeZc+5CFo5qCjgWa+86sOmnkNrLQt6c0t0sYhu7"
    "lrIUqExa+dQ7k0iSlNCJlMCplM4WtrfuMt4i60GbXdqcRBWciNS2bYHnc+OOoIe3bw0g2s"
    "jnUB9RZPwYOO4Ixn2OEAGKIVyZw6rjalnqMCdfEEsKtzaCfrhVKLGJKMsuIQKikxhFKlGH"
    "wdoVT8B7nE9XzeoWa1yBFCYNVKY2QCtBpsklfp2bqFdFXLZH6fbRBtxcW+R/5SG4ZavQ9m"
    "6aC8Xhhnla7FwmTltVUQOudT3GKDOmZfQTLxXHf882lDqC7iifoK1TwqjbshUioldjsJVD"
    "IHeEOsMnnH/Tgamo0GjWsVyPxNyUIGJU6n1DDwPHVJahuC5wl8EOB52vlVB89TDawUPE/g"
    "edomuM0kx/u9AQ2sMYPOZQJ5sfVSQtoO26V4XqdtlznjWhWzT7LL48ZKqFJfzK5oVrl60t"
    "pLaO1dRCtuQrMxTolmNh1jxi+isC8r30kU9lRZvGKFPVWJDxR2UNhBYe+w6gYK+y6uOijs"
    "NbBSUNhBYd8muI0o7AZHY0JlfVtKtm+Cpoc417+J21hzLMckBp9vbz7f3F1eNGXqaLzsmM"
    "fm2BaNaeUtRErQzlGuhXrLVPGm8eYqokOfOGhqdQgzZLvdZ8RhrmZYxCaGbmkeU63pWDjB"
    "bqNqiV7e6hUyc4SAYgiGJj5ZIhQA3ZKY7Fb0xSmeBzJMFDJM/A5DmqXL6gyubk0UEwLmyp"
    "grsxE43ZZfvu3NHmTlJIrFsRxhD6WxSrrcfokut5/X5bA7JQbTAgGLiwMOHqvAXkAO4FcC"
    "n7l0PuffvYN1JuMXZbpelrKXkFfEvBT0HOr80BPdNXW/c6HisZijhZNR4WSEJKhGTcrB5l"
    "TBNUEBgK7MKhNo5cFVTifrZ2jLMJNPlthaFVr1QcLeyybsbTsXrSOYv3h+VTdx2n6kVhdx"
    "0s0Z8Svbb4hTHIN1Fk3YQXfay4a2LZEri3FL4Vsh2E3TUwSrwt4GZygmRYLU5auHdBfpNk"
    "owe0RF6Btyp+KyyxB9ttEefwwn2j959Q7FD+V0gcSXAL+JZ4zswPiC9kbe8Q9v3o68k9Oj"
    "01doQpHL/zflD/L4vnWIuxAzusifyAz/Xj70O4YsYmB+sr8eDKWxfl9zPWozh+BvEA0I0Y"
    "BtZG89jguDaMBdXHWIBqyBlbY72keS6XT2+fPtza/dDfdpRfhJ27gUxJ+0AVWIP4H4k/55"
    "fCAWYqPdDLE729+vEH+y3RAIIcauFQGRIewl4I0EQLy0G75tAnDt/fkyRsqK6GbJANvVLv"
    "lUYvmGXuNULnvHYK7qNM7usZa75rsKcw2++Sb9Xn6TNYmnK2q+Vuzb4ne0qNMb1HHoFBcd"
    "gucGbPjgudn5VQfPTQ2sNN33VLXgQJKmd/Uc6m/EPdcZe6Zc6FFteZ4j7GHlgYPj4yoVHo"
    "6Piys8iHuZRklUWhm9uBBjTADlF1PHQB2tY5YtELguobQqeUpYntqXJ63rKa2PhBQWqPYF"
    "WivR60UyvKJDu7vuEz1wPdEJkUU1F0qYObrtyZlvOiJnWtR45BB5tksk7uxydS1LW4PC1j"
    "LHSUf0swiTUgXN0pkbfApraOY5YljrNq91smK2mrdIQgkpnCv9RfNM7iWkclbwZki22gap"
    "hgzXkfR0hyHTScHj8wU/TCl9HEicPtGtYZnf5zkxCNw+XWKGQ3D7gAMA3D47v+rg9qmBlS"
    "Y+IkeihZd4fByZ4t0L/0O1IMWDsiDFA0mQIn4SZutgshzQxSbVDBmYU2s3pzLMD3/J0VES"
    "qhtT9HP/V9v+KhXWwWS9NZN1JMk+qJWzT1FtMQOzKS7S0KbOmWKqWAi49sk3skM2LSATar"
    "YXwXSLDrKal7QVxLAV2wySyK60HWhmcvTKYig3Nkb+YY7G1EGU/yucZ4ieHVG2RBQs8auL"
    "8IlspgdHLh37l4ypbk8wIi5y8Jw6LvMriqQKoTQw/2rzxtdE2raNv7lck3LxbC7+G9QuAd"
    "sH2D5enOv0WAsG28curjrYPmpgpVnVnOE/JeIZmRRimiLrU3LbDwcHh4dvD94cnpweH719"
    "e3z6JkY4f6sM6vdXHwTaqc+kCH4fOQWNJU3VQ0W8ibjjhUVlJX/vuehWFHEck/QC4rJD4P"
    "Jf9+XGpfgM+Hhz/SEanrU4ZYIpTS4OUy58GwvtESup5BLS3sXWn1ZRy0+LtfLTgvx7JWve"
    "SxSe+nx5fXF1/WE71o8G6k4Fap5KSGSSBKIhs2dgVnlWFOYl5D2U6DsiwVcPisSOQ5Wqsq"
    "Sp+lch5LiSnfa4xE57LOmPIkALy6vIuxQX95OQkEJUYp59habQtQwRWVoI8G0z34qM30o2"
    "3DRRn1TlpuJ6E/GJG4b0JsIhOwZx1XDe9O5qVWGSM+wQYzqQeJzCO8PS4iTLMRCj2qUPe1"
    "jipym03RZLfcXG224aYbaQ8C0+KgWEw+E9RLeRIof8iS62JZJecRxbgmT7MWwvI9vVFq2m"
    "EHRS/2H21/8Dbvwf4Q=="
)
