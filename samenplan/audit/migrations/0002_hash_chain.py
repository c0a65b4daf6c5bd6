"""The audit log becomes a hash chain (NEN 7513): a number and an HMAC per row, existing
rows chained in the order they were written; on PostgreSQL a trigger refuses UPDATE and
DELETE (but for pruning after the retention period, see audit.actions.prune_before)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TRIGGER = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('samenplan.audit_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING MESSAGE =
        'audit_auditevent is append-only (NEN 7513): ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_append_only();
"""


def chain_existing(apps, schema_editor):
    from samenplan.audit.models import GENESIS, HASHED, event_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev_hash = GENESIS
    for seq, event in enumerate(AuditEvent.objects.order_by("pk"), start=1):
        event.seq, event.prev_hash = seq, prev_hash
        event.hash = event_hash({name: getattr(event, name) for name in HASHED})
        event.save(update_fields=["seq", "prev_hash", "hash"])
        prev_hash = event.hash


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="auditevent", name="user",
            field=models.ForeignKey(db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(model_name="auditevent", name="organisation",
                            field=models.CharField(blank=True, max_length=200)),
        migrations.AddField(model_name="auditevent", name="on_behalf_of_id",
                            field=models.BigIntegerField(null=True)),
        migrations.AddField(model_name="auditevent", name="seq",
                            field=models.BigIntegerField(null=True)),
        migrations.AddField(model_name="auditevent", name="prev_hash",
                            field=models.CharField(default="", max_length=64),
                            preserve_default=False),
        migrations.AddField(model_name="auditevent", name="hash",
                            field=models.CharField(default="", max_length=64),
                            preserve_default=False),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(model_name="auditevent", name="seq",
                              field=models.BigIntegerField(unique=True)),
        migrations.CreateModel(
            name="AuditAnchor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("seq", models.BigIntegerField()),
                ("hash", models.CharField(max_length=64)),
                ("pruned_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("removed", models.BigIntegerField()),
            ],
            options={"ordering": ["-seq"]},
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
