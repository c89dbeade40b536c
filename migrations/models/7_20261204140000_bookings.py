"""Watched bookings (issue 18): bookings, the impacts audited changes have on them, and
the watcher's durable cursor. The cursor starts at the current audit head: history
before the bookings existed has nothing to re-decide."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UPGRADE = """
CREATE TABLE "booking_watch" (
    "id" INT NOT NULL PRIMARY KEY,
    "last_seq" BIGINT NOT NULL
);
CREATE TABLE "booking" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "client_key" VARCHAR(64) NOT NULL,
    "external_ref" VARCHAR(128) NOT NULL,
    "content_digest" VARCHAR(64) NOT NULL,
    "assistants" JSON NOT NULL,
    "procedure_code" VARCHAR(32) NOT NULL,
    "scheduled_on" DATE NOT NULL,
    "scheduled_start" TIMESTAMP,
    "setting" VARCHAR(16) NOT NULL,
    "emergency" INT NOT NULL,
    "mdt_ref" VARCHAR(128),
    "status" VARCHAR(16) NOT NULL,
    "cancelled_at" TIMESTAMP,
    "allowed" INT NOT NULL,
    "decision_json" TEXT NOT NULL,
    "decided_seq" BIGINT NOT NULL,
    "case_record_id" INT REFERENCES "case_record" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "supervisor_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_booking_client__c1fb47" UNIQUE ("client_key", "external_ref")
);
CREATE INDEX "idx_booking_practit_bd9b6c" ON "booking" ("practitioner_id", "scheduled_on");
CREATE INDEX "idx_booking_supervi_966262" ON "booking" ("supervisor_id", "scheduled_on");
CREATE INDEX "idx_booking_schedul_06d96f" ON "booking" ("scheduled_on", "status");
CREATE TABLE "booking_impact" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "change_seq" BIGINT NOT NULL,
    "change_action" VARCHAR(64) NOT NULL,
    "old_allowed" INT NOT NULL,
    "new_allowed" INT NOT NULL,
    "old_decision_json" TEXT NOT NULL,
    "new_decision_json" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "acknowledged_by" VARCHAR(200),
    "acknowledged_at" TIMESTAMP,
    "booking_id" INT NOT NULL REFERENCES "booking" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_booking_imp_booking_43ecc0" UNIQUE ("booking_id", "change_seq")
);
CREATE INDEX "idx_booking_imp_status_310ecd" ON "booking_impact" ("status", "id");
INSERT INTO "booking_watch" ("id", "last_seq") SELECT 1, "seq" FROM "audit_head" WHERE "id" = 1;
"""

POSTGRES_UPGRADE = """
CREATE TABLE "booking_watch" (
    "id" INT NOT NULL PRIMARY KEY,
    "last_seq" BIGINT NOT NULL
);
CREATE TABLE "booking" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "client_key" VARCHAR(64) NOT NULL,
    "external_ref" VARCHAR(128) NOT NULL,
    "content_digest" VARCHAR(64) NOT NULL,
    "assistants" JSONB NOT NULL,
    "procedure_code" VARCHAR(32) NOT NULL,
    "scheduled_on" DATE NOT NULL,
    "scheduled_start" TIMESTAMPTZ,
    "setting" VARCHAR(16) NOT NULL,
    "emergency" BOOL NOT NULL,
    "mdt_ref" VARCHAR(128),
    "status" VARCHAR(16) NOT NULL,
    "cancelled_at" TIMESTAMPTZ,
    "allowed" BOOL NOT NULL,
    "decision_json" TEXT NOT NULL,
    "decided_seq" BIGINT NOT NULL,
    "case_record_id" INT REFERENCES "case_record" ("id") ON DELETE RESTRICT,
    "practitioner_id" INT NOT NULL REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    "site_id" INT NOT NULL REFERENCES "site" ("id") ON DELETE RESTRICT,
    "supervisor_id" INT REFERENCES "practitioner" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_booking_client__c1fb47" UNIQUE ("client_key", "external_ref")
);
CREATE INDEX "idx_booking_practit_bd9b6c" ON "booking" ("practitioner_id", "scheduled_on");
CREATE INDEX "idx_booking_supervi_966262" ON "booking" ("supervisor_id", "scheduled_on");
CREATE INDEX "idx_booking_schedul_06d96f" ON "booking" ("scheduled_on", "status");
CREATE TABLE "booking_impact" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "change_seq" BIGINT NOT NULL,
    "change_action" VARCHAR(64) NOT NULL,
    "old_allowed" BOOL NOT NULL,
    "new_allowed" BOOL NOT NULL,
    "old_decision_json" TEXT NOT NULL,
    "new_decision_json" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "acknowledged_by" VARCHAR(200),
    "acknowledged_at" TIMESTAMPTZ,
    "booking_id" INT NOT NULL REFERENCES "booking" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_booking_imp_booking_43ecc0" UNIQUE ("booking_id", "change_seq")
);
CREATE INDEX "idx_booking_imp_status_310ecd" ON "booking_impact" ("status", "id");
INSERT INTO "booking_watch" ("id", "last_seq") SELECT 1, "seq" FROM "audit_head" WHERE "id" = 1;
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_UPGRADE
    return POSTGRES_UPGRADE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return (
        'DROP TABLE IF EXISTS "booking_impact"; DROP TABLE IF EXISTS "booking"; '
        'DROP TABLE IF EXISTS "booking_watch";'
    )


MODELS_STATE = (
    "eJztXW1zo0a2/itd+rKTKmXuWB57nGxqq/yiTJx47Lm2k8ndcYrF0JKIEK00YI9qM//9do"
    "NA0DSIlkAGdL5kYuiDpKeb0+flOaf/25sRE9vu69O59Qte9L5H/+05+gyz/xHu9FFPn89X"
    "1/kFT3+0g6H63NKmy0GPrkd1w2OXR7rtYnbJxK5BrblnEYdddXzb5heJwQZaznh1yXesv3"
    "yseWSMvQmm7MbnP9hlyzHxF+xGf86n2sjCtpn6rpbJPzu4rnmLeXDt0vF+DAbyT3vUDGL7"
    "M2c1eL7wJsSJR1uOx6+OsYOp7mH+eI/6/Ovzb7f8odEvCr/pakj4FRMyJh7pvu0lfu6jtr"
    "rW07Trm3vtbnivaT0FgAzicHDZV3WDXz/mX+HbwcHbd29PDo/fnrAhwdeMr7z7Gn70CphQ"
    "MIDn+r73Nbive3o4IsB4BapBMUdC070suBfsjmfNsBzhtKSAtLkUfR39j4h7hHIR8NGFFf"
    "Kr1bYL6NkPNG8ce7Gc8gKc7y8/DO/uTz985B83c92/7AC/0/shvzMIri6Eq6+Ov+HXCXuR"
    "whcsfgj6dHn/E+J/on/fXA8DeInrjWnwiatx9//u8e+k+x7RHPKs6WZidUZXI9TYyNWs+3"
    "Nzw1lPS8Kst2nWnzB1ORrltWhCYr0qrWpyDxqtSldwBv9msDyf6FQOZjReQJJ9xTa+JjP9"
    "i2ZjZ+xN+JS9eVMA3W+nt+c/nd6+YqOExX+9vDUI76XxnVM8sr6oILySqAbjl9350wgflw"
    "FYVC4JfI9FeF3MdnBPm+juRAVjQayDi/n4bQmoj9/mQs1vpaGmxMZuFuSf726u5SDHAuIG"
    "axke+hvZllub9u39MPIdgyOIHn3L9izHfc0/71+9msAvAJsDlNpbI5BffTj9XcT//OrmTN"
    "w0+QPOhMnAX+YWu72B7ZOWrMD2WaqTprwGLTF1IkwKbR2Kn8h0Iws3LQmz3ORZtnXX03x3"
    "o3kWZWGmmzzTUbThcaFirKSldmer9OraLNOWyqCU2T0oMLsHodnNY26jaSJAxC886sb0Wa"
    "emlrlDBiRvbPbWbDATr+iOPg6Q4z+S/4IoDOmblnc+wcZ0TriDKYtUCkP6hSFLPlgz0qPX"
    "xS57p8i1xg42keuxZTHDjofICHkTjIwJm4h/uGiCdRO9cvFfSHdMxE3hb75H7Gtgx/yWOP"
    "aCGWhTHEjgJybuvu4Jk1vHZzw4D85/PLZ1Of9Blot0ZJDZnP1Q9POnO/RqaA6Ojg6+6yOT"
    "zNgH/A//ePZdXs8X3yDC3PzgSclP+yd/Av8uDw7Fz9TyPOygESUz5JIZRgGe6BXF3/LB2G"
    "RPocjwPeROCPWQQ5BNnDF77kz32AS4yPICFNbHfz8zF+Ov3h8QBt5lGJhDnkH1zBrnArsU"
    "2F1UqH5wvxsMDg/fDd4cHp8cvX337ujkTYxy9lYR3GeX7zniKZWbDR+pOt7gcSt43FOZls"
    "jHdirVEwCtDNpgi8mCe4+/5KiKWKAT8BYZ1cPf74vDFbFNfXVz/T4aLsYwvkoNX5mDs97w"
    "lbo27QQ+va4PByXW9eEgd13zW2mgmRFksYdJ9MYZITbWndwUSSwm4PzI5OoCOr6y2yV+dn"
    "NzlVriZ5fiGv71w9nw9tVBgDwbZHk5+x9boa4sGZW/qFcSO/TkuFe6G2+umhB/k1y5IfdM"
    "enleXHi3v96Bw/HAOnknn3vsUyxvEa4qdm/5JzMN2MjPPT0Iiof/TwzDpzTUr9FNQoOhuX"
    "7Ly5rYTfBedmJg5/s4yUlT0DqCGOylJfbS8HWIXqSySKelOgh09UncWO8ow7yFx9OwMHfd"
    "Dk+IlyrbIy0Foee80LOAtJSfVIiynJ/UBXVR/VIWLJyyKAtiHYS6+i1wZT2qAw26ueyCfs"
    "QjQrH2p9STzA9JCWJdQHrXcSl95GGqDHxaCnBXxz0vbJKP+ZZhk73Hm/1s11NU5GmpLuBe"
    "tyafU/ykTEZNCXXQLKkeZsg6Vgxuk+KtP2E9HXPM3Oyvj7ZOonFriTI3DkaUPKMJsU0Ge0"
    "Ah4aw6gUdiE2PKb1v8BrV023Kxu6SySKgxlT21aaWGbQnTAsmk7TFwUPddV/dnhEzDn55R"
    "9tGtQlX/mBhUaVLtc8+wLex4Uak480owdXRbo3gUJsdSKbc5/2SLfxCOQtKuMcGmb2OG0D"
    "Lb5vpzTJ8slxQMSV7hIzzd811gEUIxeVN0UXfLiqGYfB9nHYrJK1ClCdWZ2jVL0/xSUmC0"
    "lUmBJQ0SBahFuQ6CfTA4KcNPGJzkExT4PWFhE8fja9S0xthV47BmJDuIeQ10Bde1mPnLPy"
    "0Ddn7FeVoKys6L8wgblJ3PKTGYi0IxA91Uyr5nJTv4HlSfgBddwqxhmhN0EuSKzNIWwl4A"
    "Mzcrc0FkyoEqG/gScSizbnKZtYs9bxkXKqueEiId1EvVUzbxDFMGiSEx9AsLTVJyUGmiUG"
    "kyMz1Vaz8h0r3kfS12/jLiqqI4YokdsmPvzn8aXvx6Nbyoy66sW30YumNg294syirIwl7c"
    "5L1Yt23yrFyPmJDa4SbxMlNa4R5hYsPi0UllRmNGsBNG0K5ZdhxFk7sJqhQBQRCoAhtTBQ"
    "zdxczmMQg1pWTH3CnICm40Cw3bSaoO8Esy3SXxlUh2aZlXhrDLlLsasgkJQFSGqEi8KIur"
    "KAcKIQQ3wx6S64cs1D8Siq2x8wteBIhfOjxWb8iCwUsW0EfhcS1byV+jJRVdXa0Hqj/HfB"
    "6ZbmRYMARwaOjdMiv89vL8vpezrnePdMNWdVmgM690GZgtT5LoUAb4zmpzoH09sqtNqASm"
    "CWOrAmjP2dNu44d1c+VmzdMcmPOZnAnaYNBSURLmOlsK/vjLLbb1nKLkNEPzMnhWh1b21x"
    "0wXpeg5fNeV6iuZb9q1mpsia6gxkR3xpj36dTRyPd8itHyQf9wURQGQIbOewqjxwViGwIK"
    "SirYn6Hs98E1XtwwD/cKoSdoxZ/w4LxaiveXt7/po+eJZUyCoopwOaHVNKIpxnMX4S8MCJ"
    "s/3cB5hRSfVxgGr1T4eC3u3Jnu5xkHegsb5AAlFyi5QM4ESi7MOlBymxD9SOxpWXOvICSd"
    "lutSYGnXEekQSPWuQBnBTuRk6iaOEvaYzXKOgiTkHcvnHR38vCHogiSAXh50vl43TvhKhT"
    "uhYHad9OUreONpkArDNGwwDS1hbt18HF73drK11tGmc8qMdhubY+UjjCSi3WMk1tRNMoGc"
    "uicsEQe+XJP5cumIZEkPOC3UJWetrkR1onXEltmnRKeKlkFcNveUXl3Keacd5FM+8eO5ev"
    "nplPB+v0w25TkeWrZz1Per5k5BGiNo8fQ8IS5GeDTChod4OWD4eJf3fUKPGDsoTOZh8zW6"
    "CptAZVIpFT//wWGyM32KXYR1YxLlaYLCPJfnYpIpEzRhLtlTcPKZs0DPhE4xdVEADrSlam"
    "KKJDgIVDnKl5Tq0raxgxhfQ3oonevM/jR1eqEvZAowebtQ/xnLgZq5HFkil8wtRqacdA89"
    "UqxP3UBRfSDsMYtvf6QW+wdR38bfIx39dHN1eXH6f1xV6egZ4ym/SSj749PN7S/sjiSRXO"
    "XjH5xXD/6J8ebwwX87OjgI9OC3/px9Bj86MpJiCDRSu0H+F/K/+5cJhPzvPs465H8rUKWJ"
    "miRdEqjL7xuxHF51u4gX3Z3UmkUwV0nx1FWnq8eulimwzi+vzhRXqx4+1Nljhw5KBYoPCg"
    "LFB4068T5BwJa6IEl6dpEHkiKFN62j6xzTEaGzRLtWSUuj1BjwEcBHaIZW7661CD7CPs46"
    "+AgVqFJo2wptW5sDNrRt7cICh/6gO+4POqa6DOe7mW7buZthLNSllN/h4N1xvBHyP4r2wL"
    "sPp1dXkvYmSf9Nak/mLF5Bbq+7ra7AUDfKRVngqjWZqwZ9VqHPqgB1fKW1ZRW8aappuYbP"
    "OVGKqGdkAXkF5A0ym9uWEfedUABeFAXclbpG6p7kfL1CwGMZQFoBad+Z27rjMPOGYjLnAK"
    "kv9dxnwEwozIRu8ogg1vATdiRWanFzWlEWkFdAHlpIQgvJ1iEKLSShhWSja3SghSS0kGz5"
    "El7fQjKf3ZQp7KumuWF3lrFaV0NJ/EkjzOillizZEAF74+B7wv6zHt5h9NSbxEM7BLQSd8"
    "7TbTL28W9LhoKUQSeM6Rfz6JajtQTpoVo2HRTDANGtiVtNhylPQHTbx1kHolsFqjRRgeDP"
    "HmVeZS6aKwEoQc+gGXYfsJ6wNqJkJldLOdnJjOReMyYcIvMPCwpjluM7VxhzVKow5qigMO"
    "Yo20HJJT41lPBdSXQO4Xp6VJmmLFWeq1Xj8bvbod60RKdSPGOOtgqYCQmAU958V+kcuJUE"
    "wNmkPidkNrM8D+OLZbvMnixQkhnUL4yURMPjHpy1h0o+91z/8U9m/ITLqo/iv+FUCQikNM"
    "Z+7bBLDYGUfZx1CKRUa1dFO6eKW5US6iD7uxbfaoYxJ8wrFqSkpfY6uEJ8jy08pYWaEOng"
    "Mq2+CO2JeNjVRjIWSb56TcqApyUq2BAefcw+QFa4ugbWhBxAmwMt8/LYR6hDu5IDaDO1M5"
    "bjc5AUy9sFMQi6ljEMXGvs5JzD8PPdzXUe0TchJJoFluGhv5FtubWt494PI98JzrNCj75l"
    "MxPFfc0/7191zUMB7ByklPOSOYVEPHCkn/ZK+AMyp5AIwZ3SGQdBDsyOEmZHInJWXounhY"
    "Dtrh7lTSSAn3TbD6h+W9Ith/GDSsDfFiJguujFerJsPMZbAvUxek6HcKoza3CB5zr1Zjj4"
    "tEy6IHG3X5QnMNPjgErZJs3WhwwAxIIhA7D3sw4ZgApUaTIDoNbfq9quXi+7K9Xs1zS/T3"
    "a7UyqmvtBcn44xXWjM6KNywlVx+4ucR0AnAIVOAFCnXnMpNdSd7q7uNFmAvbWT38mS9Vod"
    "/WxFqcTfl5ad5rv98tpXcP9bpR774P6DIwju/97POrj/FajSZJ2K7srQzPdSVxId9FMP3p"
    "Q90qnwTKeMq0rxnFBPM5nVIEv0F6urjHAHNVZLNFSESXE7ZU/3fInvUEAbiCXqeqcy5l7v"
    "4/D64vL6vXY7/O1y+Km3m9er8r7KFD9Z+DmHP1OkxFJiG6HesLzsDgJuMWrqJpcgCv3gm6"
    "zAwsnSVMvZBbFOvlQl36rC1yrzXiVOTFSLo2YFob3F9sWu0onJzkrUJq1k9DV9fGarZqRs"
    "BDa7HMsEYreLF64YZ7JAYYqPVhAhTI+r+MTSeZLsZSy4ShBPKoV4IcQLm7HhdTdyBPHCfZ"
    "x1iBdWoEqbHduQ1KcsgxttjWoEhpRBfNmRFsXOQCwEHeqLDyZSh1cqDDDnnEOkjK8gBcCW"
    "PHZIGeg1TwHg15wypAx4jjQALSk8xuzzDFdT7/WYlexe/LGO9Alv5oIdM+cEs6JgryjZPb"
    "zrive+QCuTRuNcPfWe9wE0lbOCaanu4VxLUjAIaCqmLRIiwP+WWtBhG0s1WAUpsC9khxYu"
    "Q/GqJxamxWDRSqlkrm8H3co2RDn/AbCUSxy3l0gybVkootKdoGmrumyuUlxiJY5/C1N328"
    "N7G/AkzqOndRTg5CZfAtxk5+Yt8ZV2j26XsigLsrDll8BZomR3rDFaCnX+7qRcbVZnAdWl"
    "iWdz4vFypyXbRMKLyA7qF9EjrNXwBBumapoEexSh2hQHzhf/B0gSL0mSSE1HWQ86JdTB+o"
    "DjtyUc6OO3uf4zv5W2mhUB7i60B4OTMtHNwUl+eJPfEyJtUX5DKdaWFOog0tUv4hH7cEzZ"
    "vijLi+QDLYgB1CWgDs2QECQFqAWxDkJdfRB5idkGMQwIE60LE2l/SssO7/GXYmD/3Kb2sJ"
    "meh5RlN/w96MaS39Q2Jtld3Vy/j4aLnW6FSD3QXveEALlV+UN1vmiqAYrEDRUbpOR7oHNx"
    "JDTvaJf+BzI+aCUg4+/7rAMZvwJVmiLjj0YMbBVHMCkDPTzX+oDQwzPZG6Vca5Sizigivs"
    "yok+VU8wGOBTqI8KAcPauAnSXCa1sGdgysqCPSUp07xqf6oFwE2JNuW6bmO55ly82aYrwF"
    "8S2P+2tPtENy2l/o8DFMXIOoRTqzkp1bwPWcQ9XAyr5s16LT8/vL34a7gbl6ur0TpJV0W2"
    "Ov+Ux3p7J+1UW2hUy6c6u7DjZ4dO6LKqFWkIOAvswLmWPD0m1vodgDXBADjudajmf6/KIt"
    "KVvpQ5NatobL8+OEN7gEQy5emBWAfJd8VrvWclmIxfd4i97rj4RM2Vfasu36WfiUDq3q9P"
    "L055g+WS6vU9oxXi1ZoZlWClsCtF3nrjaAlFhTu8arjWvqJU6BbOW6stmC8rAxCb7zlmDd"
    "R8/p6KLy3a0PHPnVLXXQSFvQqZeaEL16Ul5C4r0sIiUkh9XJSPicIkAsDa1l+IUN/dwLYl"
    "0R7zp1I47RJIOLfwDFASgOjXj5O5zsBorDPs46UBwqUKUJz0Q1/fMCWZ/dZeArT0ik7AYl"
    "iKHISyE/zB8/prrspN27mW7bubohJdihCPnh4N1xrBr4H0Va4e7D6dWVrJcHMbDpU970Uu"
    "0M46xkF8oJ6s6iJYJEhG/dGcALT9qVSMMhuwqH7Ibu24iSmdyazLEtUlL7TCjZkJoDlJxG"
    "E0QkJIXb4f/+yoz44UWvrTZZgJqmfjJfRrB7u1p95/PxALW3wTliabnOkXFqoZphxyTUVQ"
    "ZbEOve6q4FbFt3PW15wE1gfKlsf1Lhfd4EH3XXctWITkmRDrlwFfZkzKQ2SiIrkQSGniyI"
    "xrwKRXLeSgIQBc7jTqHlgQK2y2NFNZuRA3Cz4MZkDDVsRTGAtkQ/1nTHgi2JpGKrhJbp37"
    "JkUsmOXoaxa8kOqlUn61ql7Ne2YpvY04EF/UIsaKkurgDhDpLjRITFPagEwoHnVQG6e9RQ"
    "OOmsltESsdFVyR7X+SbCGSN1i2qJ1aHFW9JG06ckd2T3E8K7Ue9meQKtNrRaskzl77Q8Pl"
    "sXwb0tUNXLSl4SE3pSVnJ0s1/MSk4OW8dK5qfYoyUDDZER0pGhe7pNxj5G2PHo4nVPgGu9"
    "xIPz4JwiSp6R5SLLQSNCDcz/mxi5fICLPsfXtOW1PqLYsyhbfpYTXfsG6Y754PBn8CgzE8"
    "OjEWauwhMOXuk+Wv3tkT/+yb4VxQFxBjERijmUy8e6yJvg4NuxRyLdNN0HR0cOfkbM6egj"
    "lyBim5iuviHbthaIExY5wgEc0vblEZUk83ugjzmQr5u5d3aYhgvk632cdSBfV6BKk+dlq/"
    "Eqt2JTlkASGst1km99WIr2cFhAezjM0h42oltvR7VuHMrVca1NfaG5Ph1jqsr7FSSB86vA"
    "+c26EuU3Nqlsl5Z1hQcSiN6mAsxyYciPZmFOO+xyqzyH95eR3JKB1rQVrUZBS0Y6NoPRk/"
    "X13Csa30vyd5q2+oBj0mhoCzgmL5Wjb9oKhiR9UxAumaTPT2/WmV1Jnrssya8IxzLnZ1ho"
    "MFCLj4OGw2hapVD7kCyAsDEkC/Z+1iFZUIEqhYD2rur45phaxNSYkUlz1FROkZQgt9exky"
    "UY2JEYT2shXErtNYAms1bVSkhXEnsNXEu6J9x8HF73dqIka2icwDxNQ37Y+893N9c5KCeF"
    "xBVqGR76G9mWW9vu3vth5DvB56NH3+IcVfc1/9h/1TUJBaBzkFK2W+bQYfF8YcEo4w8QDx"
    "3efe1pw0IndccAd1r71DBsqyt9AsJ9o4nRd9h1w++ZCdtFt/pFITs3MQiidW1SfX2I1kHc"
    "BqJ1ez/rEK2rQJUm8ppkih1torsTFZc0LdW546Orb/yLv8x5ydEGuiot2UFd1RLdFGFSqJ"
    "wofmJvxiZbUlqygmlupofWiVnmJ/SohTISEkAVWx/L8N1KeuWUPAapaeCWDWYkFlUqmHF+"
    "end+ejF8KXbNXUhjz/rny8hSgXMejQDPvE0vch88c/DRwDPf+1kHz7wCVdqUotsGeeNQc9"
    "s2ipLlxl87g3JhkWhaEGpEFWpEl19bCw4qsbyFNiOON5EkKHO1ccETdqedB29bop4pXqWB"
    "1bHOkd7hLjhoCc54hikDwFhoFM8J9bQJ8WXnI+dCnf8AWNXyQEwZDgRTxlP2xbYkQJyFT2"
    "nhLprLfkjX7bvbnnZ+zh5xiw1Cza6CZOK5Tr0Z5jJbQXURP6irUMUHjW+JlEo7xlYClazM"
    "2xIroRqwlVmXHXO04gpiWRQ4WV5cEApODYN48K4WDMSDITLYh3gwzDrEg5uhSiEeDPHgXY"
    "JbWTx4o6hC8tifrX0cpYOS2mK4Z1pbai/hFLYRrbgf/tY4Jfrqt+xdfxF/cNXuSOIPpnoh"
    "5fuDqfZL4A+CPwj+YIs9A/AH93HWwR+sQJWCPwj+4C7BrYUfZDA0xkTWQr5g+SZkOohz9Y"
    "u4iY1mMkqi9/H25uPN3fCitxOUa+g147tz7PAz8uTdzAvQzkhuhHrDXPG68WYuIiVPDDS1"
    "5lOC2D63PB9Z1PU0w7Ycy9BtzXdVG3nlPmC/UbX5saLqbdEygnuOovKrnZTZc+z4QnL82a"
    "OsejJ/I8oIdnAfKmXFHhRYsQdZKxZ7E8twtXBrYYqQ4pEK7DniAH4p8F2PzOfsvadYd2X6"
    "osjKFSU7CXlJzAtBz6BuY91Uq3xPSEATv7WF7xytLLjKhe/dzH32hfr3xNLaopkfpE+bmz"
    "5tC051Zk+DJhaSxGnU3CI/Z8ruaFEnDUiZtmqL6EPKFJJnkDLd+1mHlGkFqjTdV0o1t5eU"
    "6VzqtPpGh3PddZ8JM3pUW0pmBDuY5BscHZVJph4d5SdT+T2hEJ1Ia9zyTzqIBZpxygH/vM"
    "6ccrAqZmWeqdKsZCVheiqfHj0491jiwBY1JVkJ7bAhSbQntLYfyUgP8jI2GVuyYxJyDZiM"
    "3O7MmDctMWNsYvBWsb7jWbaqNyDKQqfZJneatXXXC1+FDRy/jDDMdZPnOln7pJZjkUhCrm"
    "VtrmUuJEkg51Ii5yJZalvkXpan8WyZUUgc/NMy7/BFEgqf8OOEkGlPklOIbvWL0grPiUGQ"
    "VWiTMuxDVgHiy5BV2PtZh6xCBao08RJRiRdekFCgMse7E+HtcqyzQRHrbCBhneEnHhUNH5"
    "YBOj+iKohBOLXycKqL2eYv2ToKyJexRDfXf/W1chCy3lnIOrJkH9UKE1NSOzyivS4t0qSG"
    "QMz7ZAuZWtuyDpee7UX4uEULVc1Lxgpi2PJjBklk18YONDM5el0QoXfjYBRs5mhEKCLsr+"
    "Vz+uiZWp6HHWQ5yJtgBojuuHq45ZJRcMmY6M4YI8tDYftv93VPwLuO568Pb3xOlNs6+IvH"
    "PCkPz+b8394fEPuA2EcjtE6HvWCIfezjrEPsowJVKrrmLv5LYp5Z4/wzOZJiXToR9bvB4P"
    "Dw3eDN4fHJ0dt3745O3sQIZ28VQX12+Z6jnXpN8uAPkFPwWNJSHXTE66C1Lmwiq827Z6Zb"
    "HqE1FukExEWbwPD3++LgUrwHXN1cv4+GixEn4RAxk5nDxAtO7pliJZdcIto56vZJGbf8JN"
    "8rP5GUVDevYZAk7PFxeH1xef1+N9GPGhrYhG6eCiUyKQJsSHEPFJ1nRWNeIt5Bi74lFnx5"
    "UiSmlCh1OUlLda/lw1GpOO1RQZz2SNLvgYMWanlN3m8yv/GDRBRYibJzO4NQ6EaBCFEWCL"
    "5N1ltR8FsphpsW6pKrXBevN8FP3JLSm6BDtgzisnTe9OpSZvLWmXo6xdQyJj1Jxml5p1/Y"
    "+2I1BjiqbXqx+wV5mtzYbb7Vlx+8bWcQZgf1xPylUkB4ObyD6NbSt459orc8obYsjy0hsn"
    "sO28vYdpWx1RRIJ9VvZl//H67pGKE="
)
