"""Users, sessions and API keys."""

from tortoise import fields

from models.base import Entity
from models.organisation import Practitioner


class User(Entity):
    username = fields.CharField(max_length=64, unique=True)
    password_hash = fields.CharField(max_length=255)
    roles: fields.Field[list[str]] = fields.JSONField(default=list)
    department_ids: fields.Field[list[int]] = fields.JSONField(default=list)
    # Institutions an ADMIN/AUDITOR/... acts for; empty = every institution (issue 16).
    institution_ids: fields.Field[list[int]] = fields.JSONField(default=list)
    practitioner: fields.ForeignKeyNullableRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    active = fields.BooleanField(default=True)
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "app_user"


class Session(Entity):
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "session"


class ApiKey(Entity):
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=16, unique=True)
    secret_hash = fields.CharField(max_length=64)
    roles: fields.Field[list[str]] = fields.JSONField(default=list)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    created_by = fields.CharField(max_length=200, default="")
    # Issue 16: the institutions the key answers for (empty = every institution), as a
    # user's `institution_ids`; a key made by a bound user is bound within that user's.
    institution_ids: fields.Field[list[int]] = fields.JSONField(default=list)

    class Meta:
        table = "api_key"
