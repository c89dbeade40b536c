"""Signed audit checkpoints and replayable idempotent results (issue 13 items 9 and 10).

- `audit_checkpoint`: signed statements of the chain head (seq, hash), append-only like
  `audit_event` (triggers refuse UPDATE, DELETE and, on PostgreSQL, TRUNCATE).
- `idempotency_record.result_json`: the first result of a key as JSON, so a repeat
  replays results that are not stored objects (import reports) too.

The least-privilege application role is granted separately by the owner
(`credreg db grant-app-role ROLE`, docs/deploy.md): migrations do not know its name.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UPGRADE = """
ALTER TABLE "idempotency_record" ADD "result_json" TEXT;
CREATE TABLE IF NOT EXISTS "audit_checkpoint" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "kid" VARCHAR(64) NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" VARCHAR(32) NOT NULL,
    "verified" INT NOT NULL DEFAULT 0,
    "reason" VARCHAR(16) NOT NULL DEFAULT 'auto'
);
CREATE INDEX IF NOT EXISTS "idx_audit_check_seq_6c3f1e" ON "audit_checkpoint" ("seq");
CREATE TRIGGER "audit_checkpoint_no_update" BEFORE UPDATE ON "audit_checkpoint"
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER "audit_checkpoint_no_delete" BEFORE DELETE ON "audit_checkpoint"
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
"""

SQLITE_DOWNGRADE = """
DROP TRIGGER IF EXISTS "audit_checkpoint_no_update";
DROP TRIGGER IF EXISTS "audit_checkpoint_no_delete";
DROP TABLE IF EXISTS "audit_checkpoint";
ALTER TABLE "idempotency_record" DROP COLUMN "result_json";
"""

POSTGRES_UPGRADE = """
ALTER TABLE "idempotency_record" ADD "result_json" TEXT;
CREATE TABLE IF NOT EXISTS "audit_checkpoint" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "kid" VARCHAR(64) NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" VARCHAR(32) NOT NULL,
    "verified" BOOL NOT NULL DEFAULT False,
    "reason" VARCHAR(16) NOT NULL DEFAULT 'auto'
);
CREATE INDEX IF NOT EXISTS "idx_audit_check_seq_6c3f1e" ON "audit_checkpoint" ("seq");
COMMENT ON TABLE "audit_checkpoint" IS 'A signed statement of the chain''s head (seq and hash): append-only like the events.';
CREATE OR REPLACE FUNCTION "audit_checkpoint_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit checkpoints are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "audit_checkpoint_no_change" BEFORE UPDATE OR DELETE ON "audit_checkpoint"
FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_append_only"();
CREATE TRIGGER "audit_checkpoint_no_truncate" BEFORE TRUNCATE ON "audit_checkpoint"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_append_only"();
"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "audit_checkpoint";
DROP FUNCTION IF EXISTS "audit_checkpoint_append_only"();
ALTER TABLE "idempotency_record" DROP COLUMN IF EXISTS "result_json";
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
"eJztXWtz2zbW/iscfdl0RsnG8iVut9MZJ1ZTt4mV13Yvu0mGS5OQxJoiVAC0o9nmv78AJV"
    "IkCFKERcokdb40NYkDUg/Ag3N5cPC/3gw7yKMvzubuL2jR+874X8+3Zoj/j3Snb/Ss+Xx9"
    "XVxg1q0XNrXmrnm3anRLGbFsxi+PLY8ifslB1CbunLnY51f9wPPERWzzhq4/WV8KfPevAJ"
    "kMTxCbIsJvfPzML7u+g74gGv05vzPHLvKc1Lu6jnh2eN1ki3l47cJnP4YNxdNuTRt7wcxf"
    "N54v2BT7cWvXZ+LqBPmIWAyJ7hkJxOuLt1v90OgXLd903WT5igkZB42twGOJn3trrq/1TP"
    "NydGNeD29Ms6cBkI19AS5/VRr++ol4heeDg6NXR6eHJ0envEn4mvGVV1+Xj14DsxQM4bm8"
    "6X0N71vMWrYIMV6DahMkkDAtlgX3nN9h7gypEU5LSkg7K9EX0f/IuEcoFwEfXVgjv55tu4"
    "Ce/0Bn5HuL1ZAX4Hxz8X54fXP2/oN43IzSv7wQv7ObobgzCK8upKvPTr4R1zH/kJYfWNyJ"
    "8fvFzU+G+NP4z+hyGMKLKZuQ8Inrdjf/6Yl3sgKGTR8/mJaTmJ3R1Qg13nI96sHceeSopy"
    "Vh1Ns06veIUIFGeS2akNisSqsa3INGq9I1nOG/GSzfTC2iBjNqLyHJX7GNn8nM+mJ6yJ+w"
    "qRiyly8LoPvt7OrNT2dXz3grafJfrm4NlvfS+M4JGrtfdBBeS1SD8dOu/GmET8oALCuXBL"
    "4nMrwU8RWcmVOLTnUwlsQ6OJlPjkpAfXKUC7W4lYaaYA/RLMg/X48u1SDHAvIC69rM+Nvw"
    "XFqb9u19Pw58WyBo3Aaux1yfvhDP+6FXE/gFYAuAUmtrBPKz92d/yPi/eTd6LS+aooPX0m"
    "CgL3OX336E7ZOWrMD2WamTpnwGLTF1IkwKbR2C7vHdoyzctCSMcpNH2bMoMwP6qHGWZWGk"
    "mzzSUbThdqFjrKSldmer9OpaLNOWyqCU2T0oMLsHS7NbxNzGd4kAkbhwa9l3DxZxzMwdPM"
    "B5bbO3ZoOZfMXyrUmInPiR4hdEYcjAcdmbKbLv5lg4mKpIpdSkXxiyFI1NO916U+yyd2ZQ"
    "d+Ijx6CMT4sZ8pmBxwabIsOe8oH4BzWmyHKMZxT9ZVi+YwhT+JvvDP4ayHeeY99bcAPtDo"
    "US6J6L0xc9aXDreMYn/5P/X8aXLv+/hksNy7DxbM5/qPHz79fGs6EzOD4++LZvOHjGH/BP"
    "8Xj+Li/mi28MzN38sKfk0/4lehDv8skn6IG4jCHfGBM8MyieISPE03hG0HPRGDm8F2LYAT"
    "PoFBNm+NjwsD/h/c4sxgeAGi4LUdgc//3IXYy/ep8hDLzLMLCAPIPqa3eSC+xKYHdRofrB"
    "/XYwODx8NXh5eHJ6fPTq1fHpyxjl7K0iuF9fvBWIp1RuNnyk63iDx63hcd+ptEQ+tndKPQ"
    "HQqqANl5gsuDfoS46qiAU6AW+RUT3846Y4XBHb1O9Gl2+j5nIM46vS8FU5OJsNX6Vr007g"
    "0/P6cFBiXh8Ocue1uJUGmhtBLu9MoTdeY+why89NkcRiEs63XK4uoOMru53ir0ejd6kp/v"
    "pCnsO/vn89vHp2ECLPG7ksZ/3jM5SqklH5k3otsUNPTnilu/HmqgnxN8mVGwrPpJfnxS3v"
    "9jc7cChuWCfv5GOPP8Vli+Ws4vdWf3LTgLf82LPCoPjy/7FtB4Qs9Wt0E5Owaa7f8rQmdh"
    "O8l50Y2Pk+TnLQNLSOJAZraYm1dPk5RB9SWaTTUh0Euvokbqx3tGHewuNpWJi7bodniZcu"
    "2yMtBaHnvNCzhLSSn1SIspqf1AV1Uf1UliycsihLYh2EuvolcG096gMNurnshL5FY0yQ+a"
    "fSk8wPSUliXUB613Epa8wQ0QY+LQW46+OeFzbJx3zLsMne481/NmWaijwt1QXc69bkc4Lu"
    "tcmoKaEOmiXVwwxZx4rBbVK89SdkpWOOmZv9zdHWadRuI1Fm5COD4Adjij2Hwx5SSASrTu"
    "KReNi+E7ddcYO4ludSRFdUFgU1prJem7bVsC1hWiCZtD0GDuq+6+r+jcV/l2ORc0u5nzt5"
    "u1Dl26uGpmOV29ndOzMEIZprZYsZt9y1uKOhhn6PeTeL5z8Sl/9jkMBD3xmW8dPo3cX52b"
    "8N7PM/HhC6Ezcx4X/8Prr6hd/JaP9qu//kP/sUnNovDz8FR+ODA2Nm3aHnwZw/Q9AeIymO"
    "QCMXjH0nJcLe9Hzou7tLGfam7+Oow970ClTpGs7Vcp79etRYrpoXfTKt82YK8BITPkMY9j"
    "UZw35XKcOnJezk01wz+VSOODW/TMKOUuaVFUlojA9C0RWyMVHGnBJ3N3ggFJlk3bBSit/H"
    "nu25yGdR4Sr0hSHiWx5/4HhJ1UsRAOfiya54EIoJMoiMMZlxqyLi/s0JtpETEMTnrIOybc"
    "BHAB+hGVq9u9Yi+Aj7OOrgI1SgShOqM7U0lt5ZlJLqoPlbA+suaXVoQC3LdRDsg0EZb4O3"
    "yreJBxmPgz+RiTnquBNE9bbNZSQ7iHkd3A3ZJC5P4MgY090DvHpy6YRYKpyvZ5bn5S6GsV"
    "CX8qmHg1cn8UIo/ihaA6/fn717l10IU/6b0p7MmbySXNXhs+Yy7RQBtDUY+ka5LAulmJpc"
    "iokixsRv1VDzCZEO6vfqt3WhGSIcElthmRduRk/JwW50jd3oM0dYfdQOKNUuAZCRBeQ1kB"
    "dlqjzXttRbvwqBl0UBdw3cHWQxBTesEPBYBpDWQDrw557l+9y8IQjPBUD6Uz23DxgJjZGw"
    "HBERROuKEhojkJEF5DWQV6TWSsZwVUm5DjmwlYVzKcdeD9mEBCCqQjTgivbepTkVFvJxle"
    "UehW7DPNgqwM0QF9T6IQv1j5ggd+L/ghYh4hf8zSzfVgWzVuyDD1J3LZvJX6MpFV1dzwdi"
    "PcTcApVu5FhwBNBSD19xZ//q4s1NL2de7x7phs3qskBnPukyMLtMEaPVBvjabXP0cDOy60"
    "UoB9OK2E2K6IopKh8TVxVKf73qZOSjG8z/c4W8PJN7NU7DqNdRotNufA1ftZlhzPLwJEC/"
    "rfLvSn6Y1KZfzBJbtTYTKX04hrBVq3/fABoXEHqAxrXvow40rgpUaYJfH8xuVT5TLpprAd"
    "iznkETjceI+zP3yBRnXajVUk7uLSO513wAH6u8n4JtH6v2ndv2cVxq28dxwbaP42ylRIoD"
    "Ymvhu5boHML11KJ0HFUiOFerxu13t0K9bIlOJWjGHW0dMBMSAGcmYT61/IkWnAkJgFMZiH"
    "6iHXR4NhMHa6FzZLu5gZJMo35hpCRqzpFPtK+3cj4Nbv/kxs9yWvWN+O/CgvgQSIFACrjU"
    "EEiBUYdASiPsqmjl1HGrUkId5DbX4lvNEBJ0cM3tFmmpvQ6u4IDxiac1URMiHZymNRwHhx"
    "mi5ljFkchXr0kZ8LRkBbuEx5rwB6i2ZW6ANSEH0OZAy708/gh9aNdyAG1mZ4jrBwIkzc3b"
    "khgEXcsYBstD0c1bxb6nn69Hl3k01oSQbBa4NjP+NjyX1jaPe9+PAz88hsi4DVyPmyj0hX"
    "jeD3WNQwHsAqSU85I5AUE+7KCf9kpEB/IJCHJwp3TGQZIDs6OE2ZGInJXX4mkh4HLrR3kT"
    "CeB7ywtCqh/NjkDECvzxlxJ8wLijEvC3hQiY3tLh3rsemqAtgfoQ9dMhnOrMGpyjuUXYLO"
    "do3cTdflGewEm3AyplmzRbHzIAEAuGDMDejzpkACpQpckMgF71qmprVj3tqlSzX9P8KtDt"
    "Tqk41sKkAZkgsjC50UfUhKvi4g45XcA+d4197rALu+aNwrCrsu5dlepN2Vs7+Z3ckF2ro5"
    "/dUarw95XbTvPdfvXeV3D/W6Ue++D+gyMI7v/ejzq4/xWo0uQ+FYuq0Cw65j2S6KCfevCy"
    "7IFFhScWZVxVguaYMNPhVoMq0V+srjLCHdRYLdFQESbFxYKZxQKF71BAG4gl6vqmMuZe78"
    "Pw8vzi8q15NfztYvh7bzefV+VVgwm6d9FDDn+mSImlxB6FesPysjsIuMWo6ZtckihUO2+y"
    "AlsOlqm7nV0S6+RHVfKrKvysMt9V4jxAvThqVhDKW2y/2VU5MNlRicqklYy+pg+HbNWIlI"
    "3AZqdjmUDsdvHCNeNMFShM8dEKIoTpdhWfxzlPkr3shVAJ8jmcEC+EeGEzFrzuRo4gXriP"
    "ow7xwgpUabNjG4r9KavgRlujGqEhZeNAdWBDsTMQC0H99eJjd/ThVQoDzDmn7GjjK0kBsC"
    "UP1dEGekMvAPyGM3S0Ac+RBqAVG48Rf55NTf1aj1nJ7sUf60ifiGIuyHdyzucqCvbKkt3D"
    "u6547xOUMmk0ztVT70UdQEc7K5iW6h7OtSQFw4CmZtoiIQL8b6UFvSxjqQerJAX2hepIvl"
    "UoXvc8vrQYTFollYwGXlit7JEo53cAU7nEYXKJJNOWG0V0qhM0bVaXzVXKU6zE4WbL1N32"
    "8F6FPIk3UW8dBTi5yJcAN1m5eUt8ldWj26UsyoIsLfklcFYo2R1rjJZCnb861XuGnyYh4s"
    "JBszlmYrvTim2i4EVkG/WL6BHuunmCDVM1TYJ3hYl5h0LnS/wDJImnJEmkhqOsB50S6uD+"
    "gJOjEg70yVGu/yxupa1mTYC7C+3B4LRMdHNwmh/eFPekSFuU39CKtSWFOoh09ZN4zB+OCF"
    "8XVXmRfKAlMYC6BNRLM2QJkgbUklgHoa4+iLzC7BExDAgTbQoTmX8qtx3eoC/FwP65zd7D"
    "ZnoeSpbd8I+wGkt+UduYZPdudPk2ai5XupUi9UB73RMC5FbbH6rzRVMFUBRuqFwgJd8Dnc"
    "stoXhHu/Q/kPFBKwEZf99HHcj4FajSFBl/POZg6ziCSRmo4bnRB4QansnaKOVKoxRVRpHx"
    "5UadKqeaD3As0EGEB+XoWQXsLBlez7WRbyNNHZGW6twxPtUH5SLA7i3PdczAZ66nNmuK8Z"
    "bEtzzurz3RDsVpf0uHj2NCbawX6cxKdm4C13MOVQN39mWrFp29ubn4bbgbmKun2/thWsny"
    "TP6Zzyx6p6pXXWRbqKQ7N7vrYINH577oEmolOQjoq7yQObJdy2MLzRrgkhhwPDdyPNPnF2"
    "1J2UofmtSyOVyeHyd9wSUYcvHErADk62Rf7ZrLZSGWv+Mtaq+LHexb1lzfrspSQyFPT89g"
    "jsi9S5Fj7hqvlsxQ9Y6PHZ7Y18p55fEJxZA9Dd95S7Buon46OqkCuvXhEL/SUodCtAWdet"
    "PI0aenzCEnvsuiBHKyWZ3Z44+pZPVqUVy5yrzpx14Yl4g4sqkbsT+dDAR9hnQ0pKMb8fF3"
    "ODEJ6eh9HHVIR1egShOeiW6o/gki9LvLllYePE7ZDVoQw4YcjVye6H5CLNWpqNczy/NydU"
    "NKsEPRzMPBq5NYNYg/irTC9fuzd+9UdRewjZyAiAKFeufNZiW7QP2uO+ORCBJhsXRnAC88"
    "FVUhDQeiahyIunTfxgTP1NZkjm2Rktrn5P8jaRRAn2h0Ml+RUL4a/t+v3Igfnu8ms1yDTR"
    "aiZuqfopYR7N6qVt9ZaiJAzR5x5lNarnPEiVpoQch3MKHaYEti3ZvdtYDtWZSZq8NIQuNL"
    "Z/lTCu/zInhrUZfqkVKSIh1y4Sqsn5dJbZREViEJbCpVEG19in1ZItVaAhAFftpOoRWBAr"
    "7KI001m5EDcLPgxmQMPWxlMYC2RO3M9O7yLUl/8rb2lunfssQ/xYpehl3pqg4V1SdWuqXs"
    "17Zim1jTgbH6RIxVpS6uAOEOkuNkhOU1qATCoedVAbp7VPw16ayW0RKx0VXJGtf5gq8ZI3"
    "ULZvv6gNktaaPpE207svop6oOJOrvqBFptaLVkmqq/aXV8ti6Ce1ugqpeVvCIm9JSs5Ohm"
    "v5iVnGy2iZUsThw3Vgw0A48Ny7AtZnl4EiAD+YwsXvQkuDZLfPI/+WcGwQ+GSw3XN8aY2E"
    "j8N9Fy1QE1PsbXzNW1vkEQcwmffq4fXfvGsHznky/6EFFmLobGY8RdhXsUftJ9Y/03w5//"
    "xd+KoJA4Y3ARggSUq26pwaYofDvepWE5Dv3kW4aPHgzudPQNig3sOYis35AvWwtDEBYFwi"
    "EcylLTEZUk83ug5jSQr5u5dnaYhgvk630cdSBfV6BKk2cb6/Eqt2JTlkASioB1km99WIr2"
    "cFhAezjM0h4eRbfejmrdOJSr41o71sKkAZkgosv7lSSB86vB+c26EuUXNqVsl6Z1hcXjZW"
    "9TA2a1MORHszCnHXa1VZ7D+8tIbslAa9qM1qOgJSMdj4ORqWow7hWN7yn5O02bfcAxaTS0"
    "BRyTp8rRN20GQ5K+KQiXTNLnpzfrzK4kz8hV5FekI3TzMywkbGjGR/fCwSGtUqh9SBZA2B"
    "iSBXs/6pAsqECVQkB7V/v45oi42DG5kUly1FTOJilJbq9jJyswkK8wnjZCuJLaawAdbq3q"
    "bSFdS+w1cC2pnjD6MLzs7URJ1lA4gXuatvpg7p+vR5c5KCeF5Bnq2sz42/BcWtvq3vt+HP"
    "jh843bwBUcVfpCPPaHugahAHQBUsp2yxwQK58FKxllogP5gNjd7z1tWOik7hjgTvc+NQzb"
    "6rY+AeG+0cToa0Tp8j0zYbvoVr8oZEcTjSBa1ybV14doHcRtIFq396MO0boKVGkir4nvkG"
    "9OLTrVcUnTUp076rf6wr/oy1xsOXqErkpLdlBXtUQ3RZgUKieC7vmX8ZglKS1ZwTA300Pr"
    "xCiLE3r0QhkJCaCKbY5lBLSSWjklj0FqGrhlgxmJSZUKZrw5u35zdj58KnbN9ZLGnvXPV5"
    "GlAuc8agGeeZs+5D545uCjgWe+96MOnnkFqrQpm24b5I3Dntu2UZRcGr92BuXCTaJpQdgj"
    "qrFHdPXaZnhQicsW5gz7bKpIUOZq44IedqedB0ctUc8ErdPA+ljnSO9wFRy0BGc0Q4QDYC"
    "9MguaYMHOKA9X5yLlQ53cAs1odiCnDgdj18fBNW0Vz2Q9pnTy3CJshIbMVVOdxR12FKj5D"
    "e0ukdCoNthKo5KazLbGSNrq1MqGwY/pRvDlWFeBM7pwtiHKmmkGoc1cTBkKdEPTqQ6gTRh"
    "1Cnc1QpRDqhFDnLsGtLNT5KIc5eaLN1j6O1hlAbTHcM1UbzadwCtuIVlzqfWucEiXjW/at"
    "P4k/uK7ko/AHU2V+8v3BVGUh8AfBHwR/sMWeAfiD+zjq4A9WoErBHwR/cJfg1kJ9sTkaE6"
    "yqjl4wfRMyHcS5+kncxBoqGSXR+3A1+jC6Hp73doJyDWVUAjpHvjj+TV2ouwDtjOSjUG+Y"
    "K1433txFJPieg6ZXV0kS2+dq3mOXUGbanuu7tuWZAdWtUZXbwX6j6okTM/UrfmUE9xxF7U"
    "87KbPn2ImJ5AezW9XGwPyFKCPYwXWolBV7UGDFHmStWMSmrk3N5dLCFSFBYx3Yc8QB/FLg"
    "U4bnc/7dE2RRlb4osnJlyU5CXhLzQtAzqHvIcvQ2dSckoD7dxj3dAq0suI84G76Luc++tL"
    "U7MbW2qFMH6dPmpk/bglOd2dOwPoMicRrVbcjPmfI7ZlQkAlKmrVoi+pAyheQZpEz3ftQh"
    "ZVqBKk2XTNLN7SVlOpc6rb6G39yi9AFzo0e3WmJGsINJvsHxcZlk6vFxfjJV3JP2WGPlHr"
    "f8Iv6xQDMK+IvndaaA/3ozK/dMtUYlKwnDU/nwWOGRvgoHtqjexlpoh7U2ojWhtaU2xlaY"
    "l/HwxFWdAJBrwGTkdmfGvGyJGeNhW1RBDXzmerregCwLRVSbXETVsyhbfgqPcPwywjDWTR"
    "7r5N4nvRyLQhJyLRtzLXMpSQI5lxI5F8VU2yL3sjpoZsuMQuJMm5Z5h0+SUPgd3U4xvusp"
    "cgrRrX5RWuEh0QiyCm1Shn3IKkB8GbIKez/qkFWoQJUmPiKi8MILEgpE5Xh3IrxdjnU2KG"
    "KdDRSsM3QvoqLLzjJA50dUJTEIp1YeTqWIL/6KpaOAfBlLdHP+V79XDkLWOwtZR5bsrd7G"
    "xJTUDk8fr0uLNKkgEPc++UQm7rasw5Vne77sbtFCVfOUsYIYtvyYQRLZjbED00m23hRE6I"
    "18ZISLuTHGxMD8r1U/feOBuIwh33B9g00RB8TyqbVccvE4vGRPLX+CDJcZy8rW9EVPwruO"
    "/jeHNz4mttv66AvjnhRDs7n4t/cZYh8Q+2iE1umwFwyxj30cdYh9VKBKZdecor8U5pk7yT"
    "9uIinWpcM+vx0MDg9fDV4enpweH716dXz6MkY4e6sI6tcXbwXaqc8kD/4QOQ2PJS3VQUe8"
    "DlrrwsOqvXk33HTLI7TGIp2AuGgRGP5xUxxciteAd6PLt1FzOeIknY/lcHMYs/BQmjuk5Z"
    "IrRDtH3T4t45af5nvlp4ot1c0rGKQIe3wYXp5fXL7dTfSjhgI2SzdPhxKZFAE2pLwGys6z"
    "pjGvEO+gRd8SC748KRIRgrWqnKSlulfy4bhUnPa4IE57rKj3IEBbanlTXW8yv/CDQhRYia"
    "ojKcNQ6KMCEbIsEHybrLei4LdWDDct1CVXuS5eb4KfuCWlN0GHbBnEZem86dmlzeStM/V0"
    "hohrT3uKjNPqTr+w9sW6DXBU2/Rh9wvyNLmx23yrLz94284gzA72E4uPSgPhVfMOoltL3T"
    "r+RLY6obYsjy0hsnsO29PYdpWx1TRIJ9UvZl//H49oA0s="
)
