"""Answers a hospital can trust (issue 12).

- R12/R13: the no-overlap guarantee counts SUSPENDED privileges as well as ACTIVE ones,
  so a suspension cannot be side-stepped by granting the same right again (SQLite
  triggers; PostgreSQL exclusion constraint).
- R16/R32: an index on `privilege.supersedes_id`, read by every decision to find where a
  superseded privilege stops answering.
- R23: `technique.lead_inactive`, set while the technique lead is not ACTIVE.
- R41: `case_record.out_of_privilege` and its blocking reason codes;
  `evaluation.out_of_privilege_count`.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_SQLITE_TRIGGERS = """
DROP TRIGGER IF EXISTS "privilege_no_overlap_insert";
DROP TRIGGER IF EXISTS "privilege_no_overlap_update";
CREATE TRIGGER "privilege_no_overlap_insert" BEFORE INSERT ON "privilege"
WHEN NEW."status" IN ({held})
BEGIN
    SELECT RAISE(ABORT, 'privilege_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "privilege" p
        WHERE p."practitioner_id" = NEW."practitioner_id" AND p."status" IN ({held})
          AND +p."site_id" = NEW."site_id" AND +p."scope_key" = NEW."scope_key"
          AND +p."valid_from" <= NEW."valid_until" AND NEW."valid_from" <= +p."valid_until"
    );
END;
CREATE TRIGGER "privilege_no_overlap_update" BEFORE UPDATE OF "status", "valid_from", "valid_until", "scope_key" ON "privilege"
WHEN NEW."status" IN ({held})
BEGIN
    SELECT RAISE(ABORT, 'privilege_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "privilege" p
        WHERE +p."id" <> NEW."id"
          AND p."practitioner_id" = NEW."practitioner_id" AND p."status" IN ({held})
          AND +p."site_id" = NEW."site_id" AND +p."scope_key" = NEW."scope_key"
          AND +p."valid_from" <= NEW."valid_until" AND NEW."valid_from" <= +p."valid_until"
    );
END;
"""

SQLITE_UPGRADE = (
    _SQLITE_TRIGGERS.replace("{held}", "'ACTIVE', 'SUSPENDED'")
    + """
CREATE INDEX IF NOT EXISTS "idx_privilege_superse_3c1d2a" ON "privilege" ("supersedes_id");
ALTER TABLE "technique" ADD "lead_inactive" INT NOT NULL DEFAULT 0;
ALTER TABLE "case_record" ADD "out_of_privilege" INT NOT NULL DEFAULT 0;
ALTER TABLE "case_record" ADD "out_of_privilege_reasons" VARCHAR(500) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS "idx_case_record_out_of_5e7a10" ON "case_record" ("out_of_privilege", "performed_on");
ALTER TABLE "evaluation" ADD "out_of_privilege_count" INT;
"""
)

SQLITE_DOWNGRADE = (
    _SQLITE_TRIGGERS.replace("{held}", "'ACTIVE'")
    + """
DROP INDEX IF EXISTS "idx_privilege_superse_3c1d2a";
DROP INDEX IF EXISTS "idx_case_record_out_of_5e7a10";
ALTER TABLE "technique" DROP COLUMN "lead_inactive";
ALTER TABLE "case_record" DROP COLUMN "out_of_privilege";
ALTER TABLE "case_record" DROP COLUMN "out_of_privilege_reasons";
ALTER TABLE "evaluation" DROP COLUMN "out_of_privilege_count";
"""
)

POSTGRES_UPGRADE = """
DO $$
DECLARE clashes TEXT;
BEGIN
    -- A registry that already holds a SUSPENDED privilege and an overlapping identical
    -- ACTIVE one (the bypass this migration closes) must be resolved by medical affairs
    -- (revoke one of them); say which instead of failing on the constraint.
    SELECT string_agg(a.id || '/' || b.id, ', ') INTO clashes
    FROM "privilege" a JOIN "privilege" b
      ON a."practitioner_id" = b."practitioner_id" AND a."site_id" = b."site_id"
     AND a."scope_key" = b."scope_key" AND a.id < b.id
     AND a."status" IN ('ACTIVE', 'SUSPENDED') AND b."status" IN ('ACTIVE', 'SUSPENDED')
     AND a."valid_from" <= b."valid_until" AND b."valid_from" <= a."valid_until";
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'privileges overlapping a SUSPENDED one (revoke one of each pair): %', clashes;
    END IF;
END $$;
ALTER TABLE "privilege" DROP CONSTRAINT IF EXISTS "privilege_no_overlap";
ALTER TABLE "privilege" ADD CONSTRAINT "privilege_no_overlap" EXCLUDE USING gist (
    "practitioner_id" WITH =, "site_id" WITH =, "scope_key" WITH =,
    daterange("valid_from", "valid_until", '[]') WITH &&
) WHERE ("status" IN ('ACTIVE', 'SUSPENDED'));
CREATE INDEX IF NOT EXISTS "idx_privilege_superse_3c1d2a" ON "privilege" ("supersedes_id");
ALTER TABLE "technique" ADD "lead_inactive" BOOL NOT NULL DEFAULT FALSE;
ALTER TABLE "case_record" ADD "out_of_privilege" BOOL NOT NULL DEFAULT FALSE;
ALTER TABLE "case_record" ADD "out_of_privilege_reasons" VARCHAR(500) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS "idx_case_record_out_of_5e7a10" ON "case_record" ("out_of_privilege", "performed_on");
ALTER TABLE "evaluation" ADD "out_of_privilege_count" INT;
"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "privilege" DROP CONSTRAINT IF EXISTS "privilege_no_overlap";
ALTER TABLE "privilege" ADD CONSTRAINT "privilege_no_overlap" EXCLUDE USING gist (
    "practitioner_id" WITH =, "site_id" WITH =, "scope_key" WITH =,
    daterange("valid_from", "valid_until", '[]') WITH &&
) WHERE ("status" = 'ACTIVE');
DROP INDEX IF EXISTS "idx_privilege_superse_3c1d2a";
DROP INDEX IF EXISTS "idx_case_record_out_of_5e7a10";
ALTER TABLE "technique" DROP COLUMN "lead_inactive";
ALTER TABLE "case_record" DROP COLUMN "out_of_privilege";
ALTER TABLE "case_record" DROP COLUMN "out_of_privilege_reasons";
ALTER TABLE "evaluation" DROP COLUMN "out_of_privilege_count";
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_UPGRADE
    return POSTGRES_UPGRADE


async def downgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_DOWNGRADE
    return POSTGRES_DOWNGRADE


MODELS_STATE = (
    "eJztXWtzozjW/iuUP/VUeboS57qX2qpcPD3ZSce9SebybvcURUC22WDkFiJp127/91fCYE"
    "AIjGxwAJ8vnTbogP1IOjr389/eDFvI8d5fzO1f0KL3V+2/PdeYIfYf4U5f6xnzeXydX6DG"
    "kxMMNea2/hwOevIoMUzKLo8Nx0PskoU8k9hzamOXXXV9x+EXsckG2u4kvuS79lcf6RRPEJ"
    "0iwm58/pNdtl0LfUNe9HH+rI9t5Fip72pb/N3BdZ0u5sG1G5f+FAzkb3vSTez4MzcePF/Q"
    "KXZXo22X8qsT5CJiUMQfT4nPvz7/duEPjX7R8pvGQ5ZfMUFjobHhOzTxc5/0+FpP1+9Gj/"
    "rD8FHXewoAmdjl4LKv6gW/fsK/wo+Dw+Oz4/Oj0+NzNiT4mqsrZ9+Xr46BWRIG8Nw99r4H"
    "9w1qLEcEGMegmgRxJHSDZsG9ZneoPUNyhNOUAtJWSPo++o+Ie4RyEfDRhRj5eLXtAnr2A6"
    "2R6yzCKS/A+fHm4/Dh8eLjJ/66med9dQL8Lh6H/M4guLoQrr47/YFfx2wjLTfY6iHa7zeP"
    "P2v8o/bv0d0wgBd7dEKCN8bjHv/d49/J8CnWXfyqG1ZidUZXI9TYyHjW/bm14aynKWHW2z"
    "TrL4h4HI3yXDRBsZ6VVjW5h41mpTGcwd8MlldTg8jBjMYLSLKv2MZtMjO+6Q5yJ3TKp+zg"
    "oAC63y7ur36+uH/HRgmL/y68NVjeS+M7J2hsf1NBOKaoBuO3PfnTCJ+WAVhkLgl8T0V4Pc"
    "ROcKpPDW+qgrFA1sHFfHpcAurT41yo+a001AQ7yMuC/M+H0Z0c5BWBeMDaJtX+pzm2Vxv3"
    "7f197LsmR1B78m2H2q73nr/vH72awC8AmwOUOlsjkN99vPhDxP/qdnQpHpr8AZfCZKBvc5"
    "vd3kD2SVNWIPuE7KQp26Alok6ESaGsQ9ALft5Iwk1Twiw3eZYdw6O67200zyItzHSTZzqy"
    "NjwtVISVNNXuZJVeXYdlWlIZlBK7BwVi92ApdnOb2/g5YSDiF54M8/nVIJaeuYMHOG9s9t"
    "ZsMBOvGK4xCZDjP5L/gsgM6Vs2Hb4gl/ZkRsr4br/QUMnH6Wg1sE5j5ecee4tNF8tFxe6F"
    "H22rx0Z+7hmBJLX8PzZNn5Alv4luYhIMzbV5euhrdr1f2pNcjT0kqEZbb4Ll8y+DwdHR2e"
    "Dg6PT85Pjs7OT8YKW3Z28VKfCXNx+4Dp/aCOvto8lJU2A8AlkHtaSjQQnWczTI5Tz8Vlow"
    "X26HaCOVRTpN1UGgq9f8V3xHGWapV6UcyA2TjepW+Zd4qZoI01Qgr+TJKwLSUqN2Icpyo3"
    "YX2EX1S1mQcMqiLJB1EOrqj8BYelQHGnhz2QX9hMaYIP0/noxtPKJvOaK1QNYFpIssBMM/"
    "HottrysDwe3o7kM0XDTICrx6TBFRBj5NBbir406QoYh5TAF4b4I3+9keVWTkaaou4F43J5"
    "8T9KLswUwRdVAsqR5mVYQB3DXgNsne+jMy0jbHzM3+emvrNBq3ztjaG7lII/hVm2LHYrBr"
    "dIo07orRPPRVM1xL44vnb5qDzWd+2+Y3iG04toc8jX0N5Fre+54wc9U9tWnxqW0x09YWoP"
    "q2FvC35j07tIEDu+86u78y2O+yDHJtSJMAkrcLWb4ZDtQto1w6QO9C4150xpUNqj0x1eLZ"
    "Czj0R8wes/jxJ2KzPxrxHfRXzdB+Ht3eXF/8n4Zd9uEVoWd+ExP24ffR/S/sTob7V/v4L+"
    "67L/65eXD0xT8eHx5qM+MZ/ejP2TsWP8RUDIFGHhiQ0AAJDfsX2g4JDfs465DQUAErjeEM"
    "j/Ps7pFjGQ4v2jKt02YK8OILXgCM6ZJKBr5ofAcF5fMScvJ5rph8Llqcmp9bsyOXeWWZNY"
    "3RQTx0j0xMpDanxN01GoiHdBIPrDTE73PPdGzk0ijbGX2jiLiGw144XobqpQIA5/zNNn8R"
    "WgXIIDLGZMakiij2b06wiSyfILZmLSQfg32q47E+J/aL7aCJZBRoEqBJNIP3d1emBE1iH2"
    "cdNIkKWGmCdaYO0NLZGimqDgrJNcTmJWUTBahFug6CfTgoo5OwUfmS8yCjl7A3Ur5GLXuC"
    "PKWMgCxlBzGvI8JDFJzLh3lkRO7uAV59COqEGDKcH2aG4+QehiuiLnldjwZnp6uDkH8oOg"
    "MfPl7c3mYPwpT+JpUncxavQFe1ka258XgSM1sMhrpQLtJClm+Ts3w9RCn/rQpsPkHSQf5e"
    "ffIXmiHCIDElkvklxg4y3ByJMUknIP3ECOuCenVlt1vncjS6Te2ayxsx7vfXj5dDBn6APR"
    "tk06XCmDkDZhaX+jzT9zwksdMVop6hBeQVkDfxbO7YpiFPECsEXiQF3BVwt5BBJRFkhYCv"
    "aABpBaR9d+4YrsvEG4LwnAOkvtRznwEzoTAThsUtgiiuO6EwAxlaQF4BeZnfTAF8qdsN8N"
    "8cf32ZOyYpeFdQL6PgGZ3z6Z+U8umfFPj0T2TVMjNu6JKeDJkDu0NmnMqcGh7bAWrIJigA"
    "URmiPhM3XmwvpxpJPq4i3UboNsyOUwW4mSAfOX/IQv0TJsieuL+gRYD4DftmhmvKzsIwUu"
    "eT8LiWreTv0ZKKrsbrgRivqwgbGW9kWDAE0PI0vB8+PN7fXD32ctb17pFu2KouC3RmS5eB"
    "2aYSYU8Z4Ae7zTb09cjGh1AOphVFAkpsjDpmig2xZQ6ly/AhIxc9YvbPPXLyFM9wnobRU0"
    "eJh3ZjN3xXjqKkhoMnPvotjEKRxlIKY/rFEZXhaD0R2AJ9Xlp1+vc1CGaEsDYIZtz3WYdg"
    "xgpYaSIXxZ89yXSmXDRjAqjvkEETjceI6TMvSB8TPJOzpRwPdIZyr6NiXCzTfgpSpMLxYE"
    "4tY071sE9MJXxjis4hXE/dVsuShUPkctXV+N2dUAct4akEzZiirQJmggLgzISNTA13ogRn"
    "ggLglBqi3yjbFM9mNqUIXSPTzjWUZAb1Cy0l0XCGfGJ8vV0mPP/pP0z4WS6rvrb6XNg8Ag"
    "wpYEgBlRoMKTDrYEhphFwVnZwqalWKqIMR/rXoVjOEeFKEYtJRmmqvjSvYp2zhKS3UBEkH"
    "l2n1iYYvmCJPH8tiJPLZa5IGNC2RwS7hMSbsBbLk5DWwJugA2hxomZbHXqEObUwH0Gbyo2"
    "zX5yApljAQyMDoWkYw8OyJm9NFNb8beYoIOpKnlJcqOpKLxp3SHgeBDsSOEmJHwnJWnoun"
    "iSCWW93Km3AAvxiOH4T6STJEoqjAn34pEQ+4elAJ+NsSCJhO6QizYbYE6lMytakjONXpNb"
    "hGc4PQWU4b6sTdfpGfwEqPg1DKNnG2PngAwBYMHoC9n3XwAFTASpMeALUabtVWbnvbU6lm"
    "vab5FdPb7VKxjIXu+WSCyEJnQh+RB1wVlzjJeQRUG1CoNgBZ2DUnCkNWZd1ZlfKk7K2V/E"
    "4mZNeq6GczSiX6vjTtNF/tl+e+gvrfKvbYB/UfFEFQ//d+1kH9r4CVJvNUeFEvFS01puig"
    "nnp4ULa5V2F3r4yqStAcE6pbTGqQOfqL2VWGuIMcqyUcKsKkuGQ2NaivVGsvpqhrT2XEvd"
    "6n4d31zd0H/X74283w995utlfltbMJerHRa078TBETS5FthHrD/LI7MLitUFMXuQRSqPnf"
    "ZAa2nCxdNZ1dIOvkpiq5qwq3VWZfJXpnqtlRs4RQ3mL7ZFfpxGRnJSqTVtL6mm6k2qoZKW"
    "uBzS7HMobY7eyFccSZzFCYikcrsBCmx1XcuzZVx9pccJYg9qwFeyHYC5tx4HXXcgT2wn2c"
    "dbAXVsBKm23bkOSnhMaNtlo1AkHKxL6sbUmxMrAigvrrxc2n1OGVEgPMOb2mlPEVqADYkq"
    "2llIFe8xQAfk0nKWXAc6gB6BKNi1Sxzn8AwC3J80bsfaanq5fWzFJ2z9xbh7eK185BrpXT"
    "FLDIti5Sdg/vuszrb1A5ptE4V5/pwMsuWspO2DRV93CuxQcb2I8VvUQJEgi3lyosy6qhar"
    "AKVCBfZIGNxTDF9odpMli00sg9z3eC4nAbopz/AFjKJXr35ba23aCdXPliEE1b1WVdw+IS"
    "K9FLbukp3R7e+yAs5Sp6WkcBTh7yJcBNFsreEl9pse52MYuyIAtHfgmcJUx2xxyjpVDnn0"
    "71tkxUjD+5sdBsjinPLguDeyRhKNlB/aJoFDsengg+qjoqhT0KE/0ZBcoX/wMxKW8Zk5Ka"
    "jrIadIqog+kYp8clFOjT41z9md9KS82KAHcX2sPBeRnr5uA837zJ7wmWtsidpGRrSxJ1EO"
    "nqF/GYvRwRdi7KXCP5QAtkAHUJqJdiyBIkBagFsg5CXb0ROcRsAxsGmIkKYl4g1nVPoh63"
    "ynmoTiNKVT2RKENiVZR8PWgujoSKHe3iQhCBD1wJIvD3fdYhAr9Sgc6jxnjMwFZRR5I0UL"
    "hzrSYChTuTBVHK1UMpKoci4suEOplnLx/gFUEHER6UCxIqiBES4XVsE7kmUuQRaarO9e6p"
    "3jQUAfZiOLal+y61HblYU4y3QL5lj79mevtkmEta/C0VPoaJZ2I1e1uWsnMLuJ7mUw1M58"
    "uWKrq4erz5bbgbmKsP+nYD54bh6GybzwzvWVakuki2kFF3bnXXEZMcNXtRDesU6MCsLNNC"
    "5si0DYcuFAt/C2QQabg20jDdtGjLwKF0p6SWreHyUVrCDi4Rp7VamBWA/JB8VrvWclmIxX"
    "28RcF1nra+ZaH17UorNRTy9PL054i82B6y9F3j1ZIVKs872GGbvlauK4ctKIrMafCdtwTr"
    "MXpORxeV723dEeJXr1QniLagU68bOdp6Uh9yYl8WOZCTw+r0Hn9OOavDQzFUldnQz73ALh"
    "FFaqZurPTppCFoeYszfcbykccf+Cd4qMFD3Qh+0GFfJXio93HWwUNdAStNKCuq1vs3MNrv"
    "zoFauT05JUooQQyZIgruPf74CTFk3VEfZobj5PKGFGGHDJxHg7PTFWvgH4q4wsPHi9tbWU"
    "EAbCLLJ7wuk1rf2Sxl9wqGVO8ESdiNMD+6M4AXdkeVUENjVIXGqEuNbkzwTC5N5sgWKap9"
    "jgfYMLICIioa7d+X+Jjvh//6lQnxw+vdOJtrkMkC1HT1bmoZwu6davX1VOM2a7pB76c0Xe"
    "diKWqJFEKuhbkxUhFsgax7q7sWsB3Do3rYlCQQvlSOPynxPh+CT4Zne2pxKkmSDqlwFRZ2"
    "y3g7SiIroYQAK5kRLe5mXza2KqYARCFkbafQpjyVCtiKdABuFtxVfIYatiIZQFuiqGM64X"
    "zLOEAx071l/LdsLKDkRC8TcGnLmouqx1rapeTXtmKbONMhiPWNglilvLgChDsYLyciLJ5B"
    "JRAONK8K0N2jqqRJZbUMl1gJXZWccZ2vRJoRUrcIdo8bzW4ZSZrubNuR009SDowXgJU70G"
    "pDqyXLVL6n5fbZumLe2wJVvYHKYWBCTxqoHN3sFwcqJ4etC1Tmnce1MAJNw2PN0EyDGg6e"
    "+EhDLiWL9z0BrvUUX9wv7oVG8Ktme5rtamNMTMT/TYwMH+Bpn1fX9PBaXyOI2oQtP9uNrv"
    "2gGa71xeXP4FZmRobGY8RUhRcUbOm+Fn+m+M+/sW9FUBA4ozESgjiU4WM9jU5R8O3YIzXD"
    "srwvrqG56FVjSkdf87CGHQuR+BuyY2uh8YBFjnAAh7QGchRKkvk9UAwZgq+beXZ2OAwXgq"
    "/3cdYh+LoCVprscawWV7lVNGUJJKEuWCfjrY9KhT0cFYQ9HGXDHjYKt94u1LpxKFcXa20Z"
    "C93zyQQR1bhfgRJifhVifrOqRPmDTUrbpWVdYfM7UdtUgFlODP7RLMxphV0ulefE/WUot4"
    "xAa9qKVgtBS1o6NoORysoy7lUY31vG7zRt9UGMSaOhLYgxeSsffdNWMDjpm4JwSSd9vnuz"
    "Tu9KsnmrxL8i9HbN97CQYKC+6ikLvURaxVD74CwAszE4C/Z+1sFZUAErBYP2rvL45ojY2N"
    "KZkEly2FROkpRAt9e2kxAM5EqEp7UQhlR7DaDFpFW1FNKYYq+Ba0n1hNGn4V1vJ0yyhsIJ"
    "TNM05R2j//kwustBOUkkrlDbpNr/NMf2ajvde38f+27wfu3Jt3mMqveev/YfdU1CAegcpJ"
    "TsFoH97uPFH+I8XN2OLkWhjD/g8s1zTxtmOqnbBrjT3KeGYVtd6hME3Dc6MPoBed7ye2bM"
    "dtGtfpHJzksMAmtdm1hfH6x1YLcBa93ezzpY6ypgpQm/Jn5Grj41vKmKSpqm6lz33+oL/6"
    "Jvc55ytAGvSlN2kFe1hDdFmBQyJ4Je2M7Y5EhKU1Ywzc3U0Doxy7xpj5opI0EBoWLrbRm+"
    "V0mtnJKdkZoGblljRmJRpYwZVxcPVxfXw7eKrnlYhrFn9fPQslSgnEcjQDNv00bug2YOOh"
    "po5ns/66CZV8BKm5J02yBtHHJu2xaiZHurr51BuTBJNE0IOaIKOaLh19aDRiU2Xegz7NKp"
    "xEGZy40LnrA77jw4bgl7Jih2A6tjnUO9w1Nw0BKc0QwRBoC50AmaY0L1KfZlLZNzoc5/AK"
    "xquSGmTAzErjvGN+0UzY1+SPPkuUHoDHGaraC6Xj2oq1Ct2mpviZRKpcFWApVMOtsSKyHR"
    "rZUOhR2HH62SY2UGzmTmbIGVMzUMTJ27WjBg6gSjVx9MnTDrYOpsBisFUyeYOncJbmWmzo"
    "0U5mRHm611HKUeQG0R3DNVG/W3UArbiNaq1PvWOCVKxrdsr7+JPhhX8pHog6kyP/n6YKqy"
    "EOiDoA+CPthizQD0wX2cddAHK2CloA+CPrhLcGsJfTEZGhMsq45esHwTNB3EufpF3MQaKh"
    "km0ft0P/o0ehhe93aCcg1lVHxvjlze/k1eqLsA7QzlRqg3TBWvG2+mIhL8wkBTq6skkO1z"
    "Ne+xTTyqm47t2qbh6L6nWqMq9wH7jarDO2aqV/zKEO45ispbO0mz59jxheT6sydZYmD+QZ"
    "Qh7OA5VEqKPSyQYg+zUiyiU9v09OXRwhghQWMV2HPIAfxS4HsUz+ds3xNkeDJ+USTlipSd"
    "hLwk5oWgZ1B3kMG79xhBZxSJG6UobSFDC5kLCpkLS/RUXBAJCqgMuDabnqOVBVc5m76bXu"
    "e+kFSfWFpbVAgEx3VzHddtwalOv3VQGUPiso4qZuR7q9kdPSrPAc7qVh0RfQ2c1eC2BGf1"
    "vs86OKsrYKXpYlWqXtUkTeec1tVXT5wbnveKmdCjWqcyQ9hB9+rg5KSMG/vkJN+Nze8J2e"
    "1Yml2Y3z5hRdCM1gn8fZ1pnRCnETPNVGlWspQwPZVPz0YmwzexFUZnQmtNhWMj8Ig5eGLL"
    "ei/kCjAZut2JMQctEWMcbPL6s75LbUdVGxBpoXxtk8vXOoZHl1thA8UvQwxz3eS5Tmadqf"
    "lYJJTga1nra5kLThLwuZTwuUiW2ha+l7DFz5YehUQ3oZZph2/iUPgdPU0xfu5JfArRrX6R"
    "W+E1MQi8Cm1ihn3wKoB9GbwKez/r4FWogJUmNhGRaOEFDgUiU7w7Yd4uF+83KIr3G0ji/d"
    "ALt4ouH5YBOt+iKpCBObVyc6qH2OEvOToKwl5XFN1c/9VnKYLJemcm60iSfVJLCU1R7bDv"
    "e11cpEmlmJj2yRYysbeNOgw12+vl4xYtZDVvaStYwZZvM0giu9Z2oFvJ0euMCL2Ri7TgMN"
    "fGmGiYfQqf09deiU0pcjXb1egUMUAM1zOWRy4eB5fMqeFOkGZTbVlT3HvfE/Cu4/nrzRuf"
    "E4nOLvpGmSZF0WzO//b+BNsH2D4awXU6rAWD7WMfZx1sHxWwUlE199BXiXhmT/IbfSTJut"
    "Rm9S+DwdHR2eDg6PT85Pjs7OT8YIVw9lYR1Jc3HzjaqW2SB3+AnILGkqbqoCJeR1jrwsGy"
    "3LxHJrrlBbSuSDoBcdEhMPzjsdi4tDoDbkd3H6LhosVJ6ExmMXEY06Ad0DNSUsklpJ0L3T"
    "4vo5af52vl55Jk9uaVapKYPT4N765v7j7sxvpRQ+mgpZqnEhKZJIFoSPEMFJVnRWFeQt5B"
    "ib4lEnz5oEhECFaqL5Om6l6xjZNSdtqTAjvtiaTSBgdtyeV1eaXP/MIPElKISpQ1Aw1MoR"
    "sZIkRaCPBtMt+KjN9KNtw0UZdU5briehPxiVuG9CbCIVsGcdlw3vTqUo7krdP1dIGIbU57"
    "Eo9TeKdfWPsiHgMxqm3a2P0CP02u7TZf6ss33rbTCLODfGK+qRQQDod3EN1aKgayN9KwN3"
    "DZOLYEye5j2N5GtqssWk0h6KT6w+z7/wN49yCi"
)
