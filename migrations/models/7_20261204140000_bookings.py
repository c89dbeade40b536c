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
    "eJztXf1zo7bW/lcY//JuZ3x3dp1NNre305l8dZs2m+ybpB/v3e0wBGSbGwyuBMl6bvu/vx"
    "IYLITAyAYH5PNLtwYd7DwSR+fjOUf/HcwCB3nk9cnc/RktBt8a/x341gzR/xHuDI2BNZ+v"
    "rrMLofXgxUOtuWs+Lgc9kBBbdkgvjy2PIHrJQcTG7jx0A59e9SPPYxcDmw50/cnqUuS7f0"
    "bIDIMJCqcI0xuf/6CXXd9BXxFJP84fzbGLPCf3W12HfXd83QwX8/japR/+EA9k3/Zg2oEX"
    "zfzV4PkinAZ+Ntr1Q3Z1gnyErRCxx4c4Yj+f/brlH5r+RckvXQ1JfiIn46CxFXkh9+c+mK"
    "trA9O8vrk37y7uTXOgAJAd+Axc+lNJ/NdP2E/4x+jtu/fvjg+O3h3TIfHPzK68/zv56hUw"
    "iWAMz/X94O/4vhVayYgY4xWoNkYMCdMKi+Ce0zuhO0NyhPOSAtLOUvR1+j8i7inKVcCnF1"
    "bIr1bbLqCnf6Bz43uL5ZRX4Hx/+fHi7v7k4yf2dTNC/vRi/E7uL9idUXx1IVx9dfQNux7Q"
    "Fyl5wbKHGL9d3v9osI/Gv2+uL2J4AxJOcPyNq3H3/x6w32RFYWD6wbNpOdzqTK+mqNGRq1"
    "mP5s6Gs56XhFnv06w/IUwYGvW1KCexXpU2NblvO61KV3DG/xawPJtaWA5mOl5Akv7EPr4m"
    "M+ur6SF/Ek7ZlL15UwHdrye3Zz+e3L6io4TFf728NUru5fGdYzR2v6ogvJJoBuOX3fnzCB"
    "/VAVhULhy+RyK8BNEdPDSnFpmqYCyIabiYj97VgProXSnU7FYeahx4iBRB/unu5loOciYg"
    "brCuHRp/GZ5LWtO+g+/GkW8zBI2HyPVC1yev2fd9P2gJ/AqwGUC5vTUF+dXHk99F/M+ubk"
    "7FTZM94FSYDPR17tLbG9g+eckGbJ+lOunKa9ATUyfFpNLWwegpeNzIws1Lwix3eZY9i4Rm"
    "RDaaZ1EWZrrLM51GGx4WKsZKXmp3tsqgrc0yb6mMapndowqze5SY3SzmNn7kAkTswoNlPz"
    "5b2DELd4JRUDa2eGs2molXLN+axMixP5L9BWkYMnLc8OIJ+eFAFqRc3R1WBirZOBNlA9sM"
    "Vn4e0G9xw0WyqOi95UfXGdCRnwdWbEkl/x/YdoRxom/SmwGOh5bGPAn6s7jeT91Jqce+FG"
    "jGW+9C5POfo9HBwfvRm4Oj48N3798fHr/J/PbirSoH/vTyA/Phcy/C+vgoP2kKikcQ09BL"
    "OhjVUD0Ho1LNw27lDfPkdUhfpLpI56U0BLp5zz/TO8owS7Mq9UDumG3Utsuf4KUaIsxLgb"
    "1SZq8ISEuD2pUoy4PaOqiL5peyYOHURVkQ0xDq5rfAlfWoDjTo5roL+gGNA4zM/xCZ2rhH"
    "X0tMa0FMB6SrIgQXv99Xx16zAMHVzfWHdLgYkBV09ThEWBn4vBTgro47RpYi5isJwHsTvO"
    "mfTUJFRZ6X0gH3tjX5HKMn5QxmTkhDs6R5mFURBnDXgNuleOuPyMrHHAs3h+ujrdN03Lpg"
    "6+DGRwYOno1p4DkUdiOcIoOlYgyC/jQs3zHY4vmX4QX2I7vtshvYtTyXIGLQn4F8h7weCD"
    "PX3FO7xk/tS5i2NYLqy0bAX1r37DAGDuped3V/GgSPyZ9eUPbprUpV/8ANajSp9nlgey7y"
    "w7S+gHolCPuWZ2I0TpJjuZTbnH2zy74IpSFpYk+RE3mIIrTMtpFojvCTS4KKIfwVNiK0wo"
    "hUZOOgAgEqEICLDhUIMOtQgdCFCoT8rlmbFJWTAqOtTgqMN0gUoBblNAT77ei4Dj9hdFxO"
    "UGD3hIUd+CFbo447QUSJeFOU1BDzFugKhLjU/GXfVgC7vEwhLwW1CtV5hA1qFeY4sKmLgh"
    "EF3VHKvhclNXwPmk/Aiy5h0TAtCToJclVmaQ9hr4CZmZWlIFLlgJUNfIk4cPO7zM0nKAyX"
    "caH6VYSZiIZ6qXnKJpohTCGxJYb+aRB4yPJLDFBeTkD6gQq2BXV2ZbevzunNzVXurTm9FL"
    "P1v3w8vaDgx9jTQW5YEgSfOaGqtc+J6Je8b8XOX0ZcVRRHJrFDduzd2Y8X579cXZy3ZVe2"
    "rT5sy7eR520WZRVkYS/u8l5seV7wjCR5isptgpPa4SbxMlPa4B7hINtl0UllRmNBUAsjaN"
    "csO4aiw9wEVYqAIAhUgY2pArZFELV57AA7UrJj6RQUBTeahY7tJE0H+CWZ7pr4SiR1WuaN"
    "IUyocldDlpMARGWIisSLuriKcqAQEnAL7CG5fihC/UOAkTvxf0aLGPFLn8XqbVkweMkC+i"
    "Q8rmcr+e90SaVXV+sBW88Zn0emGykWFAGUGHq31Aq/vTy7H5Ss690j3bFVXRfowitdB2Y3"
    "lCQ6lAG+c/scaF+P7GoTqoEpZ2w1AO0Zfdpt9jA9V27RPC2BuZzJydEGZ3P6tkvCXKdLwR"
    "9+vkWeVVKUnGdoXsbP0mhl/70DxusStHLe6wrVtexX012NXVvscGLYU8ufICMYG5YxjsII"
    "I2P5oP8hRhoGMGyLNaIyHhYG3RCMuKSCfkxkv42vseKGebJX5AofGv+GL/6rpfhwefubof"
    "E8de1pXFSRLCdjNY3GI0JzYqCvFAiPPd1GZYUUn1cYxq9U8vjYCy+SfFeB3soGOUDJBUou"
    "kDOBkguzDpTcLkQ/uD2taO5VhKTzcjoFlnYdkU6AVO8KVBDUIifTNnE0oI/ZLOcoSELesX"
    "7e0UfPG4IuSALo9UFn63XjhK9UWAsFs+ukL1vBG0+DVBimYYNp6Alz6+bTxfVgJ1trG206"
    "H6nR7iFnotz3WiKqHyOxpW6SHHLqnrBEHPhyXebL5SOSNT3gvJBOzlpbiWqudcSW2SeuU0"
    "XPIK6be8qvLuW80w7yKb9ZoT0dlKdTkvvDOtmU52xo3c5R366aO8VpjLjF0/M0IMhA4zGy"
    "Q4OVAyaPJ6zvk/GAkG8kyTzkvDaukiZQhVRKw8//4lPZmfWIiIEse5rmaeLCPMJyMXzKxJ"
    "hSl+wJYSrgL4znAD8iTIwYHGhL1cUUSXx6jHKUj5fSadvYQYyvIz2UzixqfzoWPrekBynz"
    "tyv1n70caDpWvSOVBycGsxipcrJC4wEj65HEiupjQB+z+McP2KX/GDjy0LeGZfx4c3V5fv"
    "J/TFVZxjNCj+xmgOmH325uf6Z3JInkJh//xX/1JTq23xx8id6N376N9eA/ojn9jsU3KymK"
    "QCe1G+R/If+7f5lAyP/u46xD/rcBVcrVJFmSQF1534jl8KbbRbzo7qTWLIK6SkpN0tPxWk"
    "Tt8wHNOgXW5eXVheLq7p9PvqNjhxo7nbwzPkhGwJa6IDw9u8oDyZHCu9bRdY7wOMAzrl2r"
    "pKVRbgz4COAjdEOr62stgo+wj7MOPkIDqhTatkLb1u6ADW1bdVjg0B90x/1BJ9iS4Xw3sz"
    "yvdDPMhHRK+R2M3h9lGyH7ULUH3n08ubqStDfh/TepPVmyeAW5ve62ugJD3SgXZYGr1mWu"
    "GvRZhT6rAtTZld6WVbCmqY5L7IhxohRRL8gC8grI28Fs7rl21ndCAXhRFHBX6hpphZLz9S"
    "oBz2QAaQWkI3/uWb5PzRuMgjkDSH2plz4DZkJhJiyHRQSRiZ6QL7FSq5vTirKAvALy0EIS"
    "Wkj2DlFoIQktJDtdowMtJKGFZM+X8PoWkuXspkJhXzPNDfVZxmpdDSXxJzOgRi92ZcmGFN"
    "gbH90H9D/r4b1In3rDPVQjoJW4c6HlBZMI/bpkKEgZdMKYYTWPbjna5EgPzbLpoBgGiG5d"
    "3Go0pjwB0W0fZx2Ibg2oUq4CIZo9yLzKUjRXAlCCXkAz6T7gPiFzjIOZXC2VZCcLknvNmP"
    "ADmX9YURizHK9dYcxhrcKYw4rCmMNiByUSRNhWwncloR3C7fSochxZqrxUq2bjd7dDvemJ"
    "TsVoRh1tFTA5CYBT3nxX6Ry4lQTA2aU+J8Fs5oYhQufLdpkDWaCkMGhYGSlJh2c9OFsPlX"
    "wekOjhP9T4SZbV0Mg+w6kSEEjpjP2qsUsNgZR9nHUIpDRrV6U7p4pblRPSkP3dim81Q4gR"
    "5hULUvJSex1cCaKQLjylhcqJaLhMmy9CewpCRMyxjEVSrl55GfC0RAWbwGNN6BfIClfXwM"
    "rJAbQl0FIvj36FOrQrOYC2UDvj+hEDSbG8XRCDoGsdw4C4E7/kHIaf7m6uy4i+nJBoFrh2"
    "aPxleC5pbR0PvhtHfnyelfEQuR41Uchr9n3ftzUPFbAzkHLOS+EUEvHAkWHeK2EPKJxCIg"
    "R3amccBDkwO2qYHVzkrL4WzwsB2109ysslgJ8sL4qpflvSLS+yB9WAvy9EwHzRi/vkemiC"
    "tgTqU/ocjXBqM2twjuYWDmco/rZCuoC7O6zKEzj5cUCl7JNmG0IGAGLBkAHY+1mHDEADqp"
    "TPAKj192q2q9fL7kot+zXd75Pd75SKYy1MEuEJwguTGn1YTriqbn9R8gjoBKDQCQDq1Fsu"
    "pYa6093VnfIF2Fs7+VqWrLfq6BcrSiX+vrTstNztl9e+gvvfK/U4BPcfHEFw//d+1sH9b0"
    "CV8nUqFpGhWe6lriQ09FPfvql7pFPlmU4FVxWjeYBD06FWgyzRX62uCsIaaqyeaKgUk+p2"
    "yqEVRhLfoYI2kEm09U4VzL3Bp4vr88vrD+btxa+XF78NdvN6Nd5XGaMnFz2X8GeqlFhObC"
    "PUO5aX3UHALUNN3eQSRKEffJcVWDJZpmo5uyCm5UtV862qfK0K7xV3YqJaHLUoCO0tti92"
    "lU5McVbSNmk1o6/54zN7NSN1I7DF5VgnELtdvHDFOJMFCnN8tIoIYX5cwyeWznmyl71gKk"
    "E8qRTihRAv7MaGp2/kCOKF+zjrEC9sQJV2O7YhqU9ZBjf6GtWIDSk7iGRHWlQ7A5kQdKiv"
    "PphIHV6pMMBccg6RMr6CFABb89ghZaDXPAWAX3PKkDLgJdIAtKTwGNHvs4mp3uuxKKlf/L"
    "GN9Alr5oJ8p+QEs6pgryipH95txXtfoJVJp3FunnrP+gA6ylnBvJR+OLeSFIwDmoppC04E"
    "+N9SCzppY6kGqyAF9oXs0MJlKF71xMK8GCxaKZWMRF7crWxDlMsfAEu5xnF7XJJpy0IRle"
    "4EXVvVdXOV4hKrcfxbkrrbHt7bmCdxlj5NU4D5Tb4GuHzn5i3xlXaP7peyqAuysOXXwFmi"
    "ZHesMXoKdfnupFxt1mYB1aWDZvMgZOVOS7aJhBdRHDSsoke4q+EcG6ZpmgR9VIDNRxQ7X+"
    "wfIEm8JEkiNx11PeickIb1AUfvajjQR+9K/Wd2K281KwKsL7RvR8d1opuj4/LwJrsnRNrS"
    "/IZSrI0X0hDp5hfxmH45wnRflOVFyoEWxADqGlAnZkgCkgLUgpiGUDcfRF5itkEMA8JEFS"
    "QMIF/uCQ1vKxJ+cx5Rrg2HxBkS23SU+0FzcSS0kOiXFgJKOGgloITv+6wDJbxRg46E1nhM"
    "wVZxR3gZ6CS51hOBTpJ8h456DTqq+nOI+FKjTpbZKwc4E9AQ4VE9klAFR0iE13Nt5NtIUU"
    "fkpbQ7TKb50FAK2JPluY4Z+aHryc2aarwF8S0Pnetmtk+GueTMucTho5gQO1CLtxUltVvA"
    "7ZyG1MH6smLvnJOz+8tfL3YDc/Okbz9OblieSV/zmUUeZV2Tq2wLmbR2q7sNTnJ6+ogqrV"
    "OQg7CyzAuZI9u1vHCh2IlaEAOm4VqmYf4UnS2JQ/mje3q2huuztIQ3uAZPK1uYDYB8xz+r"
    "X2u5LsTie7xFB/CHIHikP2nL5t+nyVM0WtX55RnNEX5yCauW2TFePVmhhYL+LQHarn9UH0"
    "Di1tSu8erjmnqJswh7ua48uqBCZE/j37wlWPfpczRdVBHZ+tiLX0it4y76gk671IT01ZPy"
    "Erj3soqUwA9rk5HwOUeAWBpay/ALHfp5EMe6UvZv7kYWo+GDi38AxQEoDp14+TVOdgPFYR"
    "9nHSgODahSzjNRTf+8QNZndxn4xhMSObtBCWIoNVLID7PHT7AlO+/1bmZ5XqluyAlqFCE/"
    "GL0/ylQD+1ClFe4+nlxdyTpKBDZyIsxaL6qdpFuU1K/jTPNZNC5IFLCtuwB45XmvEmk46l"
    "XhqNfEfRvjYCa3Jktsi5zUPhNKNqTmACWn0wQRCUnh9uJ/f6FG/MX5oK82WYyaqX4+XEFQ"
    "v12tvVPiWIA63OA0q7ycdmScVqhmyHcCTJTBFsT0W92tgO1ZJDSXx6zExpfK9icV3udN8M"
    "EiLlEjOvEiGrlwDXYGLKQ2aiIrkQSGniyIRr0KRXLeSgIQBc7jTqFlgQK6yyNFNVuQA3CL"
    "4GZkDDVsRTGAtkZX0HzHgi2JpGKrhJ7p37pkUsmOXoex68qOS1Un67q17Ne+Ysvt6cCCfi"
    "EWtFQXN4CwhuQ4EWFxD6qBcOx5NYDuHrW15Z3VOloiM7oa2eO0b2VbMFK3qJZYHZ27JW00"
    "f1avJrufEN5NOwjLE2itodWTZSp/p+Xx2bYI7n2Bql1W8pKYMJCyktObw2pWMj9sHSuZna"
    "VuLBloRjA2LMO2QssLJhEykB/ixeuBANd6iS/+F//EwMGz4RLD9Y1xgG3E/suNXD6AGJ+z"
    "a+by2tDAKHQxXX6un177xrB854vPnsGizFQMjceIugpPKH6lh8bqcxj88S/6qzCKiTMGFc"
    "GIQbl8LDHCKYp/HX2kYTkO+eJbho+eDep0DA0SGIHnILz6hXTbWhiMsMgQjuGQNtFOqSSF"
    "vwe6aQP5upt7p8Y0XCBf7+OsA/m6AVXKn9qsxqvcik1ZA0loLKcl3/qgFu3hoIL2cFCkPW"
    "xEt96Oat05lJvjWjvWwiQRniCsyvsVJIHzq8D5LboS9Tc2qaxOy7rB0xNFb1MBZrkw5EeL"
    "MOcddrlVXsL7K0huyUDr2opWo6DxkY7NYAxlfT33isb3kvydrq0+4Jh0GtoKjslL5ei7to"
    "IhSd8VhGsm6cvTm21mV/jTfyX5FeFw4PIMC44HmtmhxHAYTa8U6hCSBRA2hmTB3s86JAsa"
    "UKUQ0N5VHd8cYTdwTGpk4hI1VVIkJcjtdexkCQbyJcbTWgiXUnsNoEOtVbUS0pXEXgPXk+"
    "4JN58urgc7UZItNE6gnqYtP3L8p7ub6xKUeSFxhbp2aPxleC5pbXcffDeO/Pj7jYfIZRxV"
    "8pp97fdtTUIF6AyknO2Wgv3q48nv4jycXd2cikYZe8Dpi9eedix00nYMcKe1Tx3DtrnSJy"
    "Dcd5oYfYcISX5nIWyX3hpWhewINwiidX1SfUOI1kHcBqJ1ez/rEK1rQJVyec3gEfnm1CJT"
    "FZc0L6Xd8dHNN/5FX+es5GgDXZWX1FBX9UQ3pZhUKieMnuibscmWlJdsYJq76aFpMcvshB"
    "61UAYnAVSx9bGMiDTSK6fmMUhdA7duMINbVLlgxtnJ3dnJ+cVLsWvuEhp70T9fRpYqnPN0"
    "BHjmfXqRh+CZg48Gnvnezzp45g2o0q4U3XbIG4ea275RlFyS/ewCypVFonlBqBFVqBFd/m"
    "wzPqjEDRfmLPDDqSRBWaqNK56wO+08etcT9YzRKg2sjnWJ9A53wVFPcEYzhCkA9sLEaB7g"
    "0JwGkex85FKoyx8Aq1oeiKnDgaDK+JH+sC0JEKfJU3q4i5ayH/J1+2Tb087P6CNukR1gR1"
    "eQHDS3cDhDTGYrqM6zB+kKVXbQ+JZIqbRj7CVQfGXellgJ1YC9zLrsmKOVVRDLosB8eXFF"
    "KDg3DOLBu1owEA+GyOAQ4sEw6xAP7oYqhXgwxIN3CW5j8eCNogr8sT9b+zhKByX1xXAvtL"
    "Y0X8Ip7CNaWT/8rXHi+ur37F1/EX9w1e5I4g/meiGV+4O59kvgD4I/CP5gjz0D8Af3cdbB"
    "H2xAlYI/CP7gLsFthR9kUzQmgayFfMXy5WQ0xLn5RdzFRjMFJTH4dHvz6ebu4nywE5Rb6D"
    "UTkTny2Rl58m7mFWgXJDdCvWOueNt4UxcRB08UNLXmU4LYPrc8H7uYhKbtub5rW54ZEdVG"
    "XqUP2G9UPXasqHpbtILgnqOo/GrzMnuOHVtIfjR7kFVPlm9EBUEN96FaVuzbCiv2bdGKRe"
    "HUtYmZbC1UEWI0VoG9RBzArwU+CYP5nL73GFlEpi+qrFxRUkvIa2JeCXoBdQ9ZjlrlOycB"
    "TfzWFr4ztIrgKhe+65n7HAr179zS2qKZH6RPu5s+7QtObWZP4yYWksRp2tyiPGdK75hpJw"
    "1ImfZqixhCyhSSZ5Ay3ftZh5RpA6o031dKNbfHy2iXOm2+0eHcIuQ5oEaPakvJgqCGSb7R"
    "4WGdZOrhYXkyld0TCtEDaY1b+UkHmUA3Tjlg36fNKQerYlbqmSrNSlESpqfx6bHic48lDm"
    "xVU5KV0A4bkqR7Qm/7kYytOC/jBRNXdkxCqQFTkNudGfOmJ2aMF9isVWzkh66n6g2IstBp"
    "tsudZj2LhMmrsIHjVxCGue7yXPO1T2o5Fokk5FrW5lrmQpIEci41ci6SpbZF7mV5Gs+WGQ"
    "Xu4J+eeYcvklD4DT1Mg+BxIMkppLeGVWmFZ24QZBX6pAyHkFWA+DJkFfZ+1iGr0IAq5V4i"
    "LPHCKxIKWOZ4axHersc6G1WxzkYS1hl6YlHR5GEFoMsjqoIYhFMbD6cSRDd/ydZRQb7MJP"
    "Rc/83XykHIemch69SSfVArTMxJ7fCI9ra0SJcaAlHvky5k7G7LOlx6tufJ4xY9VDUvGSvI"
    "YCuPGfDIro0dmA4/el0QYXDjIyPezI1xgI2Aflo+Z2g8YzcMkW+4vhFOEQXE8omVbLnBOL"
    "5kTy1/ggw3NJL23+T1QMC7jeevD2985sptffQ1pJ5UiGZz9u/gD4h9QOyjE1pHYy8YYh/7"
    "OOsQ+2hAlYquOUF/Sswzd1J+JgcvptOJqP8cjQ4O3o/eHBwdH757//7w+E2GcPFWFdSnlx"
    "8Y2rnXpAz+GDkFjyUvpaEj3gatdeEFstq8e2q6lRFaMxEtIK7aBC5+v68OLmV7wNXN9Yd0"
    "uBhxEg4Rc6g5HITxyT2PSMkll4hqR90+ruOWH5d75ceSkuruNQyShD0+XVyfX15/2E30o4"
    "UGNombp0KJ5EWADSnugaLzrGjMS8Q1tOh7YsHXJ0UijAOlLid5Kf1aPhzWitMeVsRpDyX9"
    "HhhoiZY35f0myxs/SESBlSg7tzMOhW4UiBBlgeDbZb2VBr+VYrh5IZ1c5bZ4vRw/cUtKL0"
    "eH7BnEdem8+dWlzORtM/V0grBrTweSjNPyzrCy98VqDHBU+/RiDyvyNKWx23Krrzx4288g"
    "zA7qidlLpYDwcriG6LbSt45+Y7g8obYuj40T2T2H7WVsu8bYagqkk+Y3s7//HwC4OLY="
)
