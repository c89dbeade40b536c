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
    "eJztXWtz2zbW/isYfdl0Rs3Gcpx4u53O+NbUrWPltd3Lbtzh0iQksaYIFSDtaHb731+AFC"
    "USBClCImWSOl+amsShpAfgwbk8OOe/vSmxscten8ycn/C89w36b88zp5j/j3Snj3rmbLa6"
    "Li745oMbDjVnjvG4GPTAfGpaPr88Ml2G+SUbM4s6M98hHr/qBa4rLhKLD3S88epS4Dl/Bt"
    "jwyRj7E0z5jc+/88uOZ+MvmMV/zh6NkYNdO/VdHVt8dnjd8Oez8Nql538fDhSf9mBYxA2m"
    "3mrwbO5PiLcc7Xi+uDrGHqamj8XjfRqIry++3eKHxr8o+qarIdFXTMjYeGQGrp/4uQ/G6l"
    "rPMK6Hd8btxZ1h9DQAsognwOVflYW/fiy+wteDg7fv3x4fvnt7zIeEX3N55f1f0UevgIkE"
    "Q3iu73p/hfdN34xGhBivQLUoFkgYpp8F95zf8Z0pViOclpSQtheir+P/kXGPUS4CPr6wQn"
    "612nYBPf+B9tBz54spL8D57vLjxe3dycdP4uOmjP3phvid3F2IO4Pw6ly6+urdV+I64S9S"
    "9IItH4J+vbz7AYk/0b+H1xchvIT5Yxp+4mrc3b974juZgU8Mjzwbpp1YnfHVGDU+cjXrwc"
    "zecNbTkjDrbZr1J0yZQKO8Fk1IrFelVU3uQaNV6QrO8N8MlmcTk6rBjMdLSPKv2MbXZGp+"
    "MVzsjf2JmLI3bwqg++Xk5uyHk5tXfJS0+K8XtwbRvTS+M4pHzhcdhFcS1WD8sjt/GuF3ZQ"
    "CWlUsC33cyvAzzHdw3Jiab6GAsiXVwMb97WwLqd29zoRa30lBT4mKWBfnH2+G1GuSlgLzB"
    "OpaP/odch9WmfXvfjgLPEgiih8Bxfcdjr8XnfderCfwCsAVAqb01BvnVx5PfZPzProan8q"
    "YpHnAqTQb+MnP47Q1sn7RkBbbPQp005TVoiakTY1Jo61D8RB43snDTkjDLTZ5l12S+EbCN"
    "5lmWhZlu8kzH0YaHuY6xkpbana3Sq2uzTFsqg1Jm96DA7B5EZreIuY0eEwEiceHBtB6fTW"
    "obmTtkQPLGZm9NB1P5iumZ4xA58SPFL4jDkIHt+GcTbD3OiHAwVZFKaUi/MGQpBhtWevS6"
    "2GXvBDFn7GEbMZ8viyn2fERGyJ9gZE34RPyNoQk2bfSK4T+R6dlImMJffYP418Ce/TXx3D"
    "k30B5xKIGfuDh73ZMmt47PuPfuvf/4fOvy/oMchkxkkemM/1D046+36NWFPTg6OvhHH9lk"
    "yj/g7+Lj+Xd5PZt/hQh388MnJT/tn+IJ4rvcexQ/U8f3sYdGlEwRI1OMQjzRK4q/FoOxzZ"
    "9CkRX4iE0I9ZFHkEu8MX/u1PT5BDDk+CEK6+O/n7mL8WfvdwgD7zIMLCDPoHrqjHOBXQjs"
    "LipUP7j/GAwOD98P3hy+Oz56+/790fGbJcrZW0Vwn15+EIinVG42fKTreIPHreFxP6q0RD"
    "62j0o9AdCqoA23mCy4d/hLjqpYCnQC3iKj+uK3u+JwxdKmvhpef4iHyzGMv5SGr8rBWW/4"
    "Kl2bdgKfXteHgxLr+nCQu67FrTTQ3Ahy+MMUeuOUEBebXm6KZCkm4fzA5eoCenllt0v8dD"
    "i8Si3x00t5Df/88fTi5tVBiDwf5Pg5+x9foUyVjMpf1CuJHXpywivdjTdXTYi/Sa7chfBM"
    "enleXHS3v96Bw8uBdfJOPvf4pzj+PFpV/N7iT24a8JGfe2YYFI/+n1hWQGmkX+ObhIZDc/"
    "2WlzWxm+C97MTAzvdxkpOmoXUkMdhLS+yl0esQv0hlkU5LdRDo6pO4S72jDfMWHk/Dwtx1"
    "OzwRXrpsj7QUhJ7zQs8S0kp+UiHKan5SF9RF9UtZsnDKoiyJdRDq6rfAlfWoDzTo5rIL+g"
    "GPCMXGH0pPMj8kJYl1Aeldx6XMkY+pNvBpKcBdH/e8sEk+5luGTfYeb/6zma+pyNNSXcC9"
    "bk0+o/hJm4yaEuqgWVI9zJB1rBjcJsVbf8BmOuaYudlfH22dxOPWEmWGHkaUPKMJcW0Oe0"
    "ghEaw6iUfiEutR3HbEDeqYrsMwW1BZFNSYyp7atKOGbQnTAsmk7TFwUPddV/enhDxGPz2j"
    "7ONbhar+ITGo0qTa557lOtjz46Pi3CvB1DNdg+JRlBxLpdxm4pMd8UE4Dkkza4LtwMUcoU"
    "W2jQUzTJ8cRgqGJK+IEb7pBwxYhHCYvCm6qLvHiuEw+T7OOhwmr0CVJlRnatcsTfNLSYHR"
    "ViYFljRINKCW5ToI9sHguAw/YXCcT1AQ96SFTTxfrFHbGWOmx2HNSHYQ8xroCow53PwVn5"
    "YBO//EeVoKjp0X5xE2OHY+o8TiLgrFHHRbK/uelezge1B9Al52CbOGaU7QSZIrMktbCHsB"
    "zMKszAWRKweqbeArxOGYdZOPWTPs+4u4UFn1lBDpoF6qnrKJp5hySCyFoV940CQlBydNNE"
    "6aTG1f19pPiHQveV+Lnb+IuOoojqXEDtmxt2c/XJz/fHVxXpddWbf6sEzPwq67WZRVkoW9"
    "uMl7sem65Fn7PGJCaoebxMtMaYV7hI0tR0QntRmNGcFOGEG7ZtkJFG3hJuhSBCRBoApsTB"
    "WwTIa5zWMRaivJjrlTkBXcaBYatpNUHeBXZLpL4quQ7NIyrwxhxpW7HrIJCUBUhahMvCiL"
    "qywHCiECN8MeUuuHLNTfE4qdsfcTnoeIX3oiVm+pgsELFtAn6XEtW8l/xUsqvrpaD9R8Xv"
    "J5VLqRY8ERwJGhd8Ot8JvLs7tezrrePdINW9Vlgc680mVgdnxFokMb4FunzYH29ciuNqES"
    "mCaMrQqgPeNPu1k+rJsrN2ue5sCcz+RM0AbDkoqKMNfpQvD7n26wa+YcSk4zNC/DZ3VoZf"
    "+1A8brArR83usK1bXsV8NZjS1RFdSamN4YizqdJhoFfkAxWjzobwzFYQBkmaKmMHqYI74h"
    "oPBIBf8zkv0mvCYON8yivUKqCVrxJ9x7rxbi/cXtr/roeeJYk/BQRbSc0Goa0SPGM4bwFw"
    "6EK55u4byDFJ9XGIavVPR4Y1m5M13PcxnoLSyQA5RcoOQCORMouTDrQMltQvQjsadlzb2C"
    "kHRarkuBpV1HpCMg9asCZQQ7kZOpmzhK+GM2yzlKkpB3LJ939PDzhqBLkgB6edDFet044a"
    "sU7oSC2XXSV6zgjadBKQzTsME0tIS5Nfx0cd3bydZaR5nOR260u9gea7cwUoh2j5FYUzXJ"
    "BHL6nrBCHPhyTebLpSOSJT3gtFCXnLW6EtWJ0hFbZp8SlSpaBnHZ3FN6dWnnnXaQT/lVtO"
    "fq5adTovv9MtmU5+XQspWjvlkVdwrTGGGJp+cJYRjh0QhbPhLHAaPHM1H3CT1g7KEomYft"
    "1+gqKgKVSaVU/Px7j8tOzUfMEDatSZynCQ/mMZGLSaZM0IS7ZE9h5zNvjp4JfcSUoRAcKE"
    "vVxBRJ2AhUO8qXlOrStrGDGF9Daiidmdz+tE16bs5VCjB5u1D/WYuBhr0YWSKXLCxGrpxM"
    "Hz1QbD6yUFF9JPwx86+/pw7/B9HAxd8gE/0wvLo8P/mXUFUmesb4UdwklP/x6/DmJ35HkU"
    "iu8vH33qv74Nh6c3gfvB0dHIR68Otgxj9DtI6MpTgCjdRukP+F/O/+ZQIh/7uPsw753wpU"
    "aeJMkqkI1OXXjVgMr7pcxIvuTnrFIrirpNl11etq29UyB6zzj1dnDlfrNh/qbNuhg1KB4o"
    "OCQPFBozrex07Gv7BJewVOSHi/nBcyj4eWcEPE2EVAZEJc4RewsMR2nsHP71KMRFzci2Ir"
    "t6J9PTojgWc57t8Y8ojvRCE/ySOp6ZPuPTZxZjNso2fHj2itM0rswPLRq+H331+eXZ5cfR"
    "W5M/zDXRx9D+z5mEYUWiHBv9XM8U0XvboanvHxr++9EzRyXFFe3ObWAv+fhTdFA48hvjIJ"
    "f170i/inksDnfwrOrcPEpz+FOUnTBX8I/KFW7WDdtYzBH9rHWQd/qAJVuoIzNixKYhkPhw"
    "xEln9GnbGjxWhdSYCztM5ZYiSgFje5HN/Vcppkuc45T7WwbPiXCKaiTK8XTB9UR9fzAVeI"
    "dg7zyhzWVC2R4MF12ES7tKkst2Wsqj1cpkWwqjFO//LUtdLlT57JLnL4UyfBm9bGZYbpiN"
    "BpokeLoo5xZgz3pQ0yMmbUeXJcPFaMAncZ3OVGqJsOO07gLu/jrIO7XIEqhY4u0NGlOWBD"
    "R5cuLHBoHbLj1iFjaqpwvp2arpu7GS6FusQGPhy8f7fcCMUfRXvg7ceTqytF5dOk/6a0J3"
    "MWryS3141YVmDoG+WyLBxja/IxNmjBAi1YJKiXV1pbcUH0U7EdZgXiuJQm6hlZQF4DeYtM"
    "Z65jLUtSagAviwLuWg0lTH+iCfhSBpDWQDrwZq7pedy8oZjMBED6Sz33GTATGjNh2iIiiA"
    "38hD2FlVrct0aWBeR1Khop8mYa4CvTboD/5vhzNWIy/kV0rPiiZ3SOF3FUihdxVMCLOFLw"
    "IqDHCvRYaRui0GMFeqw0uogN9FiBHistX8Lre6zkMwEzla+q6f7RnWWs1/ZDEYU1CHf9qK"
    "NKucXADj18R/h/1sN7ET91mHhoh4DW4pn6pkvGAf5lwdNRsk2lMf1izulitJGg/lTLPIXT"
    "kUD3bOJW02HiH9A993HWge5ZgSpNlOjIOf6Ui2buoSc4Icltw7A8p/OEjRElU7VaysnRZy"
    "T3mjfkEZV/WFA5ZjEeAs5lAs7RkVEdfFcSnUO4niLutq0ijORq1eX43e1Qb1qiUymeckdb"
    "B8yEBMCp7k6lA2dCAuBsUiFgMp06vo/x+aKfTE8VKMkM6hdGSuLhyyY1tYdKPvdY8PAHN3"
    "6iZdVHy7+h7SoEUhpjv3bYpYZAyj7OOgRSqrWr4p1Tx61KCXXwDEQtvtUUY3FsRPNYVlpq"
    "r4MrJPD5wtNaqAmRDi7T6o9iPhEfM2OkYpHkq9ekDHhasoKN4DHH/ANUx7fXwJqQA2hzoO"
    "Venqmq77cO2pUcQJs5QeZ4gQBJs8iDJAZB1zKGAXPGXk6j0h9vh9d5RN+EkGwWOJaP/odc"
    "h9W2jnvfjgIvbPiOHgLH5SYKey0+77u65qEAdgFSynnJtOmVO/L2016JeECmTa8U3CmdcZ"
    "DkwOwoYXYkImfltXhaCNju+lHeRAL4yXSDkOq3Jd3yYvmgEvC3hQiYPvSyOC+0JVCfkoe/"
    "OoJTnVmDczwzqS/q1/YU6YLE3X5RnsBOjwMqZZs0Wx8yABALhgzA3s86ZAAqUKXJDIBelb"
    "tqa9u97K5Us1/T/EZy7U6p2ObcYAEdYzo3uNFH1YSr4iIwOY+Aegwa9RjgnHrNR6nh3Onu"
    "zp0mD2Bv7eR38sh6rY5+9kSpwt9XHjvNd/vVZ1/B/W+VeuyD+w+OILj/ez/r4P5XoEqT51"
    "RE2TMdL3Ul0UE/9eBN2RZyhT3kMq4qxTNCfcPmVoMq0V+srjLCHdRYLdFQMSbFRcV90w+0"
    "qhGuJOp6pzLmXu/TxfX55fUH4+bil8uLX3u7eb0qry5O8ZODn3P4M0VKLCW2EeoNy8vuIO"
    "C2RE3f5JJEoStCkxVYNFmG7nF2SayTL1XJt6rwtcq8V4nuonpx1KwglLfY/rCrcmKysxKX"
    "SSsZfU23mm3VjJSNwGaXY5lA7HbxwhXjTBUoTPHRCiKE6XEVd/dNVfq25kIlyF19IV4I8c"
    "JmbHjdjRxBvHAfZx3ihRWo0mbHNhTnUxbBjbZGNUJDyiKBqrFLsTOwFIIK9cXtufThVQoD"
    "zDnduLTxlaQA2JLNt7SBXvMUAH5Nry1twHOkAegSrZ10sc5/AMCtOOeN+edZzNAvrZmV7F"
    "64t45slaidgz07p21iUWxdluwe3nWF11+gckyjca7+pIMou2hrJ2HTUt3DuZYcbBg/1swS"
    "JUSAbq90WKKqoXqwSlJgX2SBXZlhmg0i02KwaJXMPRa4YXG4DVHOfwAs5RLdDXOb/27QcK"
    "98MYimreqyqWF5iZXothdlSreH9yakpZzFT+sowMlNvgS4yULZW+KrLNbdLmVRFmRpyy+B"
    "s0LJ7lhjtBTq/N1J+3BfnefVLm08nRFfnC5bkHsUNJTsoH4RG8VZDU+Qj6pmpfBHEWo84t"
    "D5Ev8AJ+UlOSmp6SjrQaeEOngc493bEg70u7e5/rO4lbaaNQHuLrQHg+My0c3BcX54U9yT"
    "Im1xOkkr1pYU6iDS1S/iEf9wTPm+qEqN5AMtiQHUJaCOzJAIJA2oJbEOQl19EHmB2QYxDA"
    "gTrQsTGX8oT3ne4S/FwP6xzVHPZnoeSlLjxW9h8Zv8GsJLTuPV8PpDPFwuLCxF6oFlvCd8"
    "061Om1Tni6bqzSjcULkeTb4HOpNHQq2Udul/OPsAWgnOPuz7rMPZhwpUaersw2jEwdZxBJ"
    "MyUDJ1rQ8IJVOTpWjKVaIpKkQj48uNOlVONR/gpUAHER6Uo2cVsLNkeF3Hwp6FNXVEWqpz"
    "XZOqD8rFgD2ZrmMbgec7rtqsKcZbEt+yu2J7oh2K5oqRw8cxYRbRi3RmJTu3gOtp+9XAg5"
    "TZIlEnZ3eXv1zsBubq6fZemFYyXYO/5lOTParKgxfZFirpzq3uOtjgcZsdXUKtJAcBfZUX"
    "MsOWY7r+XLPkuiQGHM+1HM90u6gtKVvpHlUtW8Pl+XHSG1yCIbdcmBWAfJt8VrvWclmI5f"
    "d4i1L3D4Q88q+0ZZX70+gpHVrV6eUZzDB9cpg4p7RjvFqyQjOVK7YEaLtCaW0AKbGmdo1X"
    "G9fUSzTdbOW6cvmC8rE1Cb/zlmDdxc/p6KIK2Nb9XX5mpfq6tAWdeqkJ8aun5CUk3ssiUk"
    "JyWJ2MhM8pAsTC0FqEX/jQz70w1hXzrlM3ljGaZHAxuiWUPlf5mIkH/g6sB2A9NEIfdDj/"
    "DayHfZx1YD1UoEoTzopuRugFEkG7S8pXnqNImRJaEMO5L42UsXj8mJqqXse3U9N1c3VDSr"
    "BDQfPDwft3S9Ug/ijSCrcfT66uVOU9iIXtgIoqa3pdpLOSXThhUHdiLRE3ImLrzgBe2OtY"
    "IQ1tjjXaHEce3YiSqdqazLEtUlL7zDHZkK0DLJ1Gc0YUvIWbi//7mRvxF+e9ttpkIWqGfm"
    "/EjGD3drX6OiSKmLW/QSe3tFzn+Dm1sM+wZxPKtMGWxLq3umsB2zWZbyxaDIXGl872pxTe"
    "503wwWQO0+M+JUU65MJVWKYxk+0oiaxCEkh7qiAa9yo0+XorCUAUaJA7hTaVqdTAVpYDcL"
    "PgLvkZetjKYgBtiRKt6SIGW3JL5eoJLdO/Zfmlih29DInXUbUK1ufvOqXs17Zim9jTgRj9"
    "QsRopS6uAOEO8uVkhOU9qATCoedVAbp7VGM46ayW0RJLo6uSPa7zdYUzRuoWByhWbaO3ZJ"
    "Km+1R3ZPeTwrtxOWd1Aq02tFqyTNXvtDo+WxfnvS1Q1UtUXhATekqicnyzX0xUTg5bR1Tu"
    "DT2MFgw0REbIRJbpmy4ZBxhhz6fz1z0JrvUS9969d4IoeUYOQ46HRoRaWPw3MXLxAIY+L6"
    "8Zi2t9RLHvUL78HC++9hUyPfveE88QUWYuhkcjzF2FJxy+0n20+tsnv/+TfyuKQ+IM4iIU"
    "CygXj2XIn+Dw2/FHItO22b1nIg8/I+509BEjiLg2pqtvyLetORKERYFwCIeyonlMJcn8Hi"
    "htDuTrZu6dHabhAvl6H2cdyNcVqNJkx3I9XuVWbMoSSEKtuU7yrQ9L0R4OC2gPh1naw0Z0"
    "6+2o1o1DuTqutW3ODRbQMaa6vF9JEji/GpzfrCtRfmNTynZpWVfYo0D2NjVgVgtDfjQLc9"
    "phV1vlOby/jOSWDLSmrWg9Cloy0rEZjL6q1Ode0fhekr/TtNUHHJNGQ1vAMXmpHH3TVjAk"
    "6ZuCcMkkfX56s87sSrIVsyK/InVqzs+w0HCgsewQDf1pWqVQ+5AsgLAxJAv2ftYhWVCBKo"
    "WA9q7O8c0wdYhtcCOT5qipnENSktxex04WYGBPYTythXAhtdcA2txa1TtCupLYa+BaUj1h"
    "+OniurcTJVlD4QTuaVrq/u8/3g6vc1BOCskr1LF89D/kOqy23b337Sjwws9HD4EjOKrstf"
    "jY7+qahALQBUgp2y3Th1huOSwZZeIBch/i3Z89bVjopO4Y4E7PPjUM2+qOPgHhvtHE6FvM"
    "WPQ9M2G7+Fa/KGTHEoMgWtcm1deHaB3EbSBat/ezDtG6ClRpIq9JHrFnTEw20XFJ01Kd6y"
    "hdfeFf/GUmjhxtoKvSkh3UVS3RTTEmhcqJ4if+ZmyyJaUlK5jmZnponZhl0bRHL5SRkACq"
    "2PpYRsAqqZVTsjNS08AtG8xILKpUMOPs5Pbs5Pzipdg1txGNPeufLyJLBc55PAI88za9yH"
    "3wzMFHA89872cdPPMKVGlTDt02yBuHM7dtoyg5bPm1MygXHhJNC8IZUY0zoouvbYSNShx/"
    "bkyJ508UCcpcbVzwhN1p58HblqhnildpYH2sc6R3uAsOWoIznmLKAbDmBsUzQn1jQgJVy+"
    "RcqPMfAKtaHYgpw4HgyviRf7EtCRCn0VNauIvmsh/S5/bZtg3Qz/gjbrBFqN1VkGw8M6k/"
    "xUJmK6jOlw/qKlTL3uNbIqVTjrGVQCVP5m2JlXQasJVZlx1ztJYniFVR4OTx4oJQcGoYxI"
    "N3tWAgHgyRwT7Eg2HWIR7cDFUK8WCIB+8S3MriwRtFFZJtf7b2cbQaJbXFcM+UtjRewils"
    "I1rLevhb45Soq9+yd/1F/MFVuSOFP5iqhZTvD6bKL4E/CP4g+IMt9gzAH9zHWQd/sAJVCv"
    "4g+IO7BLcWfpDF0RgTVQn5guWbkOkgztUv4iYWmskoid6nm+Gn4e3FeW8nKNdQayZgM+yJ"
    "HnnqauYFaGckN0K9Ya543XhzF5GSJw6aXvEpSWyfS56PHMp8w3Idz7FM1wiYbiGv3AfsN6"
    "quaCuqXxYtIwgoLsAwxCsbtlk2XUXIrohHXPgcoBVr0Io5klxruqaquNS6KUgIAubamGur"
    "EdjdVm++F0wfVGeI882xjGAHrbFSvtxBgS93kPXlsD9xLGZEBhY3Byge6cCeIw7glwKf+W"
    "Q24+89xSZT6YsiX0+W7CTkJTEvBD2DOt/0RKMvM2yipLktZmRhZ9TYGSP0dBJxCQkoIrq2"
    "8IZAKwuuduGNbnIv+lL9jcTS2qKYKNA3mkvfaAtOdbI3wiI6CuJGXFwnn7PB7xhxJR+gbL"
    "Rqi+gjoGxA8h4oG/s+60DZqECVpuva6XILkjKdo25UX2h1ZjL2TLjRo1vSNiPYQZLB4Oio"
    "DJnj6CifzCHuSYUwiPKMbX6nlaVAM7qsiM/rTJeV1WF67plqzUpWEqan8unZKGT4IrHCeE"
    "9obahwZEYJSDJ2VG1acg2YjNzuzJg3LTFjXGKJUtWB5zuKxHyxNyDLQqXrJle6dk3mR6/C"
    "Bo5fRhjmuslznTx7qZdjUUhCrmVtrmUmJUkg51Ii56JYalvkXhbdwLbMKCQaj7XMO3yRhM"
    "Kv+GFCyGNPkVOIb/WL0grPiUGQVWiTMuxDVgHiy5BV2PtZh6xCBao08RJRhRdekFCgKse7"
    "E+Htcny/QRHfb6Dg++EnERWNHpYBOj+iKolBOLXycCrDfPNXbB0FtNelRDfXf/VndSFkvb"
    "OQdWzJPugdjE5J7W5Z9+rSIk0qSMa9T76QqbMt63Dh2Z5Hj5u3UNW8ZKxgCVt+zCCJ7NrY"
    "gWEnR68LIvSGHkbhZo5GhCLC/1o8p4+eqeP72EOOh/wJ5oCYHjOjLZeMwkvWxPTGGDk+it"
    "oPsNc9Ce86nr8+vPE5cdzfw1987kn5eDoT//Z+h9gHxD4aoXU67AVD7GMfZx1iHxWoUtk1"
    "Z/hPhXnmjPN7AiXFutSR+R+DweHh+8Gbw3fHR2/fvz86frNEOHurCOrTyw8C7dRrkgd/iJ"
    "yGx5KW6qAjXgetde4S1dm8O2665RFalyKdgLhoE7j47a44uLTcA66G1x/i4XLESWpiaHNz"
    "mPhh57BHrOWSK0Q7R90+LuOWH+d75ceKw+zNK1imCHt8urg+v7z+sJvoRw0FtCI3T4cSmR"
    "QBNqS8B8rOs6YxrxDvoEXfEgu+PCkSU0q06sukpbpXbOOoVJz2qCBOe6SotCFAi7S8oa53"
    "m1/4QSEKrERV3+AwFLpRIEKWBYJvk/VWHPzWiuGmhbrkKtfF603wE7ek9CbokC2DuCydN7"
    "26tJm8daaeTjB1rElPkXFa3OkX1r5YjQGOapte7H5BniY3dptv9eUHb9sZhNnBeWLxUmkg"
    "vBjeQXRrqRjIP9FfdMguy2NLiOyew/Yytl1lbDUN0kn1m9lf/w8wNS8d"
)
