"""Columns every entity carries: id, timestamps and the optimistic-concurrency version."""

from tortoise import fields
from tortoise.models import Model


class Entity(Model):
    id = fields.IntField(primary_key=True)
    # Set from the domain clock by the write path; auto_now_add only fills a missing value.
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now_add=True)
    version = fields.IntField(default=1)

    class Meta:
        abstract = True
