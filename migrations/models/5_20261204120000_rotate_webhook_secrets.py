"""Rotate every webhook signing secret (issue 13, item 5).

Versions before this one wrote each webhook's signing secret into the audit log (the
`after` of `webhook.register`, the `before`/`after` of `webhook.deactivate`), readable by
AUDITORs and in audit exports. The audit log is hash-chained and append-only, so those
rows stay as they are; instead every existing secret is replaced by a fresh random one
here, which makes the exposed values useless. Receivers need the new secret: an ADMIN
calls `rotateWebhookSecret` per webhook (it shows the secret once) and configures the
receiver with it. Deliveries signed with the new secret fail verification at receivers
until then, and are retried with backoff. No model changes: MODELS_STATE is migration 2's.

SQLite: randomblob(32), 256 bits from SQLite's CSPRNG. PostgreSQL: two gen_random_uuid()
values (built in since PostgreSQL 13, from the server's strong random source), 244 bits.
Downgrade cannot bring the old secrets back (that is the point) and changes nothing.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UPGRADE = """
UPDATE "webhook" SET "secret" = 'rot5_' || lower(hex(randomblob(32))),
    "version" = "version" + 1;
"""

POSTGRES_UPGRADE = """
UPDATE "webhook" SET "secret" = 'rot5_'
    || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
    "version" = "version" + 1;
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "sqlite":
        return SQLITE_UPGRADE
    return POSTGRES_UPGRADE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return "SELECT 1;"


MODELS_STATE = (
    "eJztXWlz2zjS/issfcpUaVKOfMR71Fb5mox3HCtre453kykWTEIS1xSpAKQd1W7++wtQPE"
    "GQIiRSJqn+MhmTaEp6ADb6eLrx38HcNbFN354trF/wcvBX7b8DB80x+x/hzlAboMUiuc4v"
    "eOjRDoaihaU/hYMeqUeQ4bHLE2RTzC6ZmBrEWniW67Crjm/b/KJrsIGWM00u+Y711ce650"
    "6xN8OE3fj8J7tsOSb+hmn05+JJn1jYNjPf1TL5ZwfXdW+5CK5dO95PwUD+aY+64dr+3EkG"
    "L5bezHXi0Zbj8atT7GCCPMwf7xGff33+7cIfGv2i1TdNhqy+YkrGxBPk217q5z7qybWBrt"
    "+OH/T7qwddHygAZLgOB5d9VRr8+in/Cj+O3h29Pzo9PDk6ZUOCrxlfef999dEJMCvBAJ7b"
    "h8H34D7y0GpEgHECqkEwR0JHXh7cS3bHs+ZYjnBWUkDaDEXfRv8j4h6hXAZ8dCFBPlltu4"
    "Ce/UBz7NjLcMpLcH64/nh1/3D28RP/uDmlX+0Av7OHK35nFFxdClffnPzAr7vsRVq9YPFD"
    "tN+vH37W+J/av8e3VwG8LvWmJPjEZNzDvwf8OyHfc3XHfdGRmVqd0dUINTYymXV/YW4461"
    "lJmPUuzfozJpSjUV2LpiTWq9K6Jvddq1VpAmfwbw7LixkicjCj8QKS7Ct28TWZo2+6jZ2p"
    "N+NTdnBQAt1vZ3cXP5/dvWGjhMV/G94are5l8V0QPLG+qSCcSNSD8evu/FmET6oALCqXFL"
    "4nIrwUsx3c02eIzlQwFsR6uJhPjipAfXJUCDW/lYWauDameZD/eT++lYMcC4gbrGV42v80"
    "26KNad/B3ye+Y3AEtUffsj3LoW/55/1j0BD4JWBzgDJ7awTym49nf4j4X9yMz8VNkz/gXJ"
    "gM/G1hsdsb2D5ZyRpsn1CdtOU16IipE2FSausQ/Ow+bWThZiVhlts8yzainu7TjeZZlIWZ"
    "bvNMR9GGx6WKsZKV2p2tMmhqs8xaKqNKZveoxOwercxuHnObPKUCRPzCIzKeXhAx9dwdd+"
    "QWjc3fmo/m4hXkoGmAHP+R/BdEYUjftLyrZ+x4A1mQMrk7LA1U8nE6jgc2Gaz8PGCfYnnL"
    "1aJi98I/LXPARn4eoMCSWv2/axg+ISt9E910STC0MOZJ8df8ej+3poUeeyhQj7fehsjnX0"
    "ajw8P3o4PDk9Pjo/fvj08PYr89f6vMgT+//sB9+MyLsD4+mp40BcUjiPXQSzocVVA9h6NC"
    "zcNvZQ3z1esQvUhVkc5K9RDo+j3/WO8owyzNqlQDuWW2UdMu/wov1RBhVgrslSJ7RUBaGt"
    "QuRVke1O6Duqh/KQsWTlWUBbEeQl3/FphYj+pAg26uuqAf8cQlWP8PlamNB/ytwLQWxPqA"
    "dFmE4OqPh/LYaxwguBnffoiGiwFZQVdPPEyUgc9KAe7quBOMFDFPJADvTfBmP5t6ioo8K9"
    "UH3JvW5AuCn5UzmBmhHpol9cOsijCAuwbcNsVbf8YoG3PM3Ryuj7bOonHrgq2DsYM14r5o"
    "M9c2GeyaN8MaT8VoFH/VkGNqfPH8TbNd44nftvgNYiHbophq7Gtgx6RvB8LM1ffUtvFTux"
    "KmbYyg+roR8NfWPTuMgYO677u6v0Dsd5mIXCJpEUD6dqnKN8KBuomqlQMMzjSeRWdaGXna"
    "I3MtnmigoT+67DHLH38iFvtHI76N/6oh7efxzfXl2f9prsP+eMH4id90Cfvj9/HdL+xOTv"
    "vX+/gvzpsv/qlxcPjFP5q8e6fN0RP+0V+wz1j+kEgxBFq5YUBBAxQ07B+1HQoa9nHWoaCh"
    "BlWawBlu5/m3R45lOLzslemcN1OCF1/wAmDMl1QK8EXje2gon1awk08LzeRTMeLU/tqaHa"
    "XMa6usaY0PQvEdNlwijTml7q7xQCjWSTKwVorf54FhW9jxompn/M3DxEE2+8DJiqqXIQAu"
    "+Cdb/INwTJDBZOKSObMqIu7fgrgGNn2C2Zo1cX4M+AjgI7RDq/fXWgQfYR9nHXyEGlRpSn"
    "VmtsbKdRgZqR6avw2w7tJWhwLUolwPwX43quJtsFHFNvEo53GwT/T4GjWtKaZKXP+8ZA8x"
    "b4K7IZrE1QkcOWO6f4DXTy6dEiTD+X6ObLtwM4yF+pRPPRy9P4k3Qv5H2R54//Hs5ia/EW"
    "b8N6k9WbB4Bbm6w2ftZdpJAmgJGOpGuSgL9bttrt+l2PP4b1VQ8ymRHur3+su68BwTBokh"
    "sczPXdfGyCmwGNNyAtKPTLApqOMru311zsfjm8xbc34tMnp//Xh+xcAPsGeDLG/lMOb2gL"
    "nJrT5q+JRiSZyuFPWcLCCvgLzhzhe2ZSB56Vcp8KIo4K6Au4mRJ+GGlQIeywDSCkj7zsJG"
    "jsPMG4LdBQdIfakXPgNmQmEmkMkjgjjpKKEwAzlZQF4BeUlqrWIMV5aU65EDW1s4lzLs1Z"
    "BNSQCiMkR9pmifLVrQYaEYV1FuI3Rb5sHWAW6OuCDXD3mof3IJtqbOL3gZIH7NvhlyDFkw"
    "K2QffBIe17GV/D1aUtHVZD0Q9BJzC2S6kWHBEMArPXzHnP2764uHQcG63j3SLVvVVYHOvd"
    "JVYLY8SYxWGeB7q8vRw/XIJptQAaY1sZsk0RXdZSYdsWSh9PPwIWMHP7jsP3fYLjK5w3m6"
    "ip46Tj20H2/Dd2VmmIdsd+rj38L8u5QfJowZlrPEwtF6KqUPZ1d0avcfakDjAkIP0Lj2fd"
    "aBxlWDKk3x6/35o8xnKkQzEYCa9RyaeDLBzJ95xvqEuHO5WirIveUk95oP4Lgy76ek7CMc"
    "37uyj+NKZR/HJWUfx/lOidT1iaGEbyLRO4Sb6UVpmrJEcKFWjcfvboc66IhOJXjOHG0VMF"
    "MSAGcuYT5DzlQJzpQEwCkNRL9SBZ07n1ueh/ElNqzCQElu0LA0UhINZ8inxjfbOZ/6j/9h"
    "xs9qWQ21+O/ShvgQSIFACrjUEEiBWYdASivsqmjnVHGrMkI95DY34lvNMeZ0cMVyi6zUXg"
    "dXXN9jC09poaZEerhM6y+xenY9TPWJjCNRrF7TMuBpiQp2BQ+asg+QlWWugTUlB9AWQMu8"
    "PPYR6tAmcgBtrjLEcnwOkmLxtiAGQdcqhgG1pk7ByZDFJyxnhOCU5YzzUscpy2Jwp3LGQZ"
    "ADs6OC2ZGKnFXX4lkh4HKrR3lTCeBnZPsB1U9yzHvECvzplwp8wPhBFeDvChEwW9JhPVs2"
    "nuItgfoUPadHODWZNbjEC0S8ecHRuqm7w7I8gZkdB1TKLmm2IWQAIBYMGYC9n3XIANSgSt"
    "MZALXuVfX2rHrdXalhv6b9XaC7nVIx0VKnPplistSZ0UfkhKvy5g4Fj4A6d4U6d6jCbrhQ"
    "GKoqm66qlBdlb+3k97Igu1FHP19RKvH3pWWnxW6/vPYV3P9OqcchuP/gCIL7v/ezDu5/Da"
    "o0XaeCqAzNsmPeI4ke+qnvDqoeWFR6YlHOVSV44RJPN5nVIEv0l6urnHAPNVZHNFSESXmz"
    "YA95vsR3KKENxBJNvVM5c2/w6er28vr2g3539dv11e+D3bxetXcNJvjZwi8F/JkyJZYR2w"
    "j1luVldxBwi1FTN7kEUeh23mYFtposXbWcXRDr5UtV8a0qfa1y71XqPEC1OGpeENpbbF/s"
    "Kp2Y/KxEbdIqRl+zh0N2akaqRmDzy7FKIHa7eGHCOJMFCjN8tJIIYXZczedxLtJkL2PJVY"
    "J4DifECyFe2I4Nr7+RI4gX7uOsQ7ywBlXa7tiGpD4lDG50NaoRGFKG68sObCh3BmIh6L9e"
    "fuyOOrxSYYC54JQdZXwFKQC24qE6ykCveQoAv+YMHWXAC6QBaEnhMWafZ1BdvddjXrJ/8c"
    "cm0ie8mQt2zILzucqCvaJk//BuKt77Cq1MWo1z/dR73gfQVM4KZqX6h3MjScEgoKmYtkiJ"
    "AP9bakGv2liqwSpIgX0hO5IvDMWrnseXFYNFK6WSUd8OupVtiHLxA2ApVzhMLpVk2rJQRK"
    "U7QdtWddVcpbjEKhxutkrdbQ/vXcCTuIie1lOA05t8BXDTnZu3xFfaPbpbyqIqyMKWXwFn"
    "iZLdscboKNTFu1OzZ/gpEiKuTTxfuB4vdwrZJhJeRH7QsIweYSXDU2yYumkS7FEu0Z9w4H"
    "zxf4Ak8Zokicx0VPWgM0I9rA84OargQJ8cFfrP/FbWalYEuL/QvhudVolujk6Lw5v8nhBp"
    "i/IbSrG2tFAPka5/EU/Yh2PC9kVZXqQYaEEMoK4A9coMWYGkALUg1kOo6w8ih5htEMOAMF"
    "EJCQPIl3tCw9uKhF+fR5RpwyFxhsQ2HcV+0EIcCS0kuqWFgBIOWgko4fs+60AJr9Wgox6a"
    "TBjYKu5IWgY6Sa71RKCTZLpDR7UGHWX9OUR8mVEny+wVAxwL9BDhUTWSUAlHSITXtgzsGF"
    "hRR2SleneYTP2hoQiwZ2Rbpu47nmXLzZpyvAXxLQ+da2e2T4a55My5lcPHMKGGqxZvy0v2"
    "bgE3cxpSC+vL8r1zzi4ern+72g3M9ZO+nSC5gWydveZzRJ9kXZPLbAuZdO9WdxOc5Oj0EV"
    "VapyAHYWWZF7LAhoVsb6nYiVoQA6bhWqZh9hSdLYlD2aN7OraGq7O0hDe4Ak8rXpg1gHyf"
    "fla31nJViMX3eIsO4LyOesvO39v1+mkp5Nnl6S8webYoNvVd49WRFSqvO9jhuXGdXFc2W1"
    "AeNmbBd94SrIfoOT1dVD7d+oiCX2mlowm6gk6zaeTo1ZPmkFPvZVkCOT2syezx50yyOtwU"
    "Q1eZDf08COISEVMzcyP2p9OBoD8hHQ3p6Fa8/D1OTEI6eh9nHdLRNajSlGeiGqp/hQj97r"
    "KltQePM3aDEsRQFqKQy+OPnxIkO5vzfo5su1A3ZAR7FM08HL0/iVUD/6NMK9x/PLu5kVX/"
    "uwY2fcLb5KmdepqX7F93kPozHqkgkcu37hzgpWdzSqThWE6FYzlX7tuEuHO5NVlgW2Sk9j"
    "n5vyGNAugTrU7mSxLKd1f/+pUZ8VeXu8ksN2CTBajp6md55QT7t6s1d6IXD1B7G5w8lJXr"
    "HXGiEVoQdkyXUGWwBbH+re5GwLYR9fTwSIzA+FLZ/qTC+7wJPiJqUTVSSlqkRy5cjV3ccq"
    "mNishKJIFNJQuiJWepVyVSJRKAKPDTdgotDxSwXR4rqtmcHICbBzcmY6hhK4oBtBU6OGar"
    "y7ck/Yll7R3Tv1WJf5IdvQq70pIdbalOrLQq2a9dxTa1pwNj9ZUYq1JdXAPCPSTHiQiLe1"
    "AFhAPPqwZ096gFadpZraIlYqOrlj2u921Hc0bqFsz25JjTLWmj2XNVe7L7SXp/8W6v8gRa"
    "Y2h1ZJnK32l5fLYpgntXoGqWlRwSEwZSVnJ0c1jOSk4PW8dK5udeayEDTXMnGtIM5CHbnf"
    "pYw45Hlm8HAlzrJb44X5wzjbgvmkU1y9EmLjEw/29qZPgAqn2Or+nhtaFGsGcRtvwsJ7r2"
    "g4Yc84vDn8GjzEwMTyaYuQrPOHilh1ryt+f++Tf2rQgOiDMaEyGYQxk+lmreDAffjj1SQ6"
    "ZJvzhIc/CLxpyOoUZdzbVNTJJvyLatpcYJixzhAA5pw+OISpL7PdD5GMjX7dw7e0zDBfL1"
    "Ps46kK9rUKXpE3bVeJVbsSkrIAlNwHrJtz6sRHs4LKE9HOZpDxvRrbejWrcO5fq41iZa6t"
    "QnU0xUeb+CJHB+FTi/eVei+sYmle3Tsq7xpDvR21SAWS4M+dE8zFmHXW6VF/D+cpJbMtDa"
    "tqLVKGjpSMdmMHqyHox7ReN7Tf5O21YfcExaDW0Jx+S1cvRtW8GQpG8LwhWT9MXpzSazK+"
    "mTWiX5FeEg1+IMCwkG6vEBsnBwSKcU6hCSBRA2hmTB3s86JAtqUKUQ0N5VHd8CE8s1dWZk"
    "kgI1VVAkJcjtdewkBAM7EuNpLYSh1F4DaDJrVa2ENJHYa+A60j1h/OnqdrATJdlA4wTmaR"
    "ry46H/eT++LUA5LSSuUMvwtP9ptkUb290Hf5/4TvD52qNvcY4qfcs/9h9NTUIJ6BykjO0W"
    "gf3m49kf4jxc3IzPRaOMP+D81WtPWxY6aToGuNPap5ZhW1/pExDuW02MvseUrr5nLmwX3R"
    "qWhexoahBE67qk+oYQrYO4DUTr9n7WIVpXgypN5TXdJ+zoM0RnKi5pVqp3R/3W3/gXf1vw"
    "kqMNdFVWsoe6qiO6KcKkVDkR/MzejE22pKxkDdPcTg+tF7PMT+hRC2WkJIAqtj6W4dNaeu"
    "VUPAapbeBWDWakFlUmmHFxdn9xdnn1Wuya+xWNPe+fh5GlEuc8GgGeeZde5CF45uCjgWe+"
    "97MOnnkNqrQtRbct8sah5rZrFCWLxl87h3JpkWhWEGpEFWpEw6+tBweVWN5Sn7uON5MkKA"
    "u1cckTdqedR0cdUc8EJ2lgdawLpHe4C446gjOeY8IAMJY6wQuXePrM9WXnIxdCXfwAWNXy"
    "QEwVDsSuj4dv2y5ayH7I6uQFIt4cc5mtoLqMH9RXqOIztLdESqXTYCeBShedbYmVUOjWyY"
    "TCjulHcXGsLMCZrpwtiXJmhkGoc1cLBkKdEPQaQqgTZh1Cne1QpRDqhFDnLsGtLdS5kcOc"
    "PtFmax9H6Qygrhjuua6N+ms4hV1EK271vjVOqZbxHXvXX8UfTDr5SPzBTJufYn8w01kI/E"
    "HwB8Ef7LBnAP7gPs46+IM1qFLwB8Ef3CW4jVBfDIbG1JV1Ry9ZvimZHuJc/yJuYw+VnJIY"
    "fLobfxrfX10OdoJyA21UfLrADj/+Td6ouwTtnORGqLfMFW8ab+YiEveZgabWV0kQ2+du3h"
    "OLUE83bMuxDGTrPlXtUVX4gP1G1eYnZqp3/MoJ7jmKyq92WmbPseMLyfHnj7LCwOKNKCfY"
    "w32okhX7rsSKfZe3YrE3swyqr7YWpggJnqjAXiAO4FcCn3ruYsHee4IRlemLMitXlOwl5B"
    "UxLwU9h7qNkalW1J2SgP50a2u6OVp5cDc4G76Puc+hUNqdWlpb9KmD9Gl706ddwanJ7GnQ"
    "n0GSOI36NhTnTNkdPWoSASnTTm0RQ0iZQvIMUqZ7P+uQMq1BlWZbJqnm9tIyvUud1t/Db4"
    "EofXGZ0aPaLTEn2MMk3+j4uEoy9fi4OJnK7wk11q60xq24iX8s0I4G/vzzetPAPylmZZ6p"
    "0qzkJWF6ap8eFBzpK3Fgy/ptJEI77LUR7QmdbbUxQUFexnanluwEgEIDJie3OzPmoCNmjO"
    "0avAuq73iWreoNiLLQRLXNTVRtRL3Vq7CB45cThrlu81yna5/UciwSSci1rM21LIQkCeRc"
    "KuRcJEtti9xLeNDMlhmF1Jk2HfMOXyWh8Dt+nLnu00CSU4huDcvSCi+pQZBV6JIyHEJWAe"
    "LLkFXY+1mHrEINqjT1EhGJF16SUCAyx7sX4e1qrLNRGetsJGGd4WceFV09LAd0cURVEINw"
    "au3hVIrZ5i/ZOkrIl7FEP9d//bVyELLeWcg6smQf1QoTM1I7PH28KS3SpoZAzPtkC5lY27"
    "IOQ8/2cvW4ZQdVzWvGCmLYimMGaWTXxg50Mz16XRBhMHawFmzm2sQlmsv+Cp8z1F6I5XnY"
    "0SxH82aYAYIcilZbrjsJLhkz5EyxZnnaqrM1fTsQ8G7i+evDG59T5bYO/uYxT8rD8wX/d/"
    "AnxD4g9tEKrdNjLxhiH/s46xD7qEGViq45xV8l5pk1LT5uIi3Wp8M+/zIaHR6+Hx0cnpwe"
    "H71/f3x6ECOcv1UG9fn1B4525jUpgj9ATsFjyUr10BFvgta6tF1Zbd4DM92KCK2xSC8gLt"
    "sErv54KA8uxXvAzfj2QzRcjDgJ52OZzBx2veBQmies5JJLRHtH3T6t4pafFnvlp5KS6vY1"
    "DJKEPT5d3V5e337YTfSjgQY2KzdPhRKZFgE2pLgHis6zojEvEe+hRd8RC746KRIT4ip1Oc"
    "lK9a/lw3GlOO1xSZz2WNLvgYO20vK6vN9kceMHiSiwEmVHUgah0I0CEaIsEHzbrLei4LdS"
    "DDcr1CdXuSleb4qfuCWlN0WH7BjEVem82dWlzORtMvV0hollzAaSjFN4Z1ja+yIZAxzVLr"
    "3Yw5I8TWHsttjqKw7edjMIs4N6Yv5SKSAcDu8huo30rWOf6IUn1FblsaVEds9hex3brja2"
    "mgLppP7N7Pv/A4xbI2A="
)
