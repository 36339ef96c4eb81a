"""Accounts and clinics are apps of their own now: tracker forgets their models, tables kept."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0001_initial"),
        ("accounts", "0001_initial"),
        ("tracker", "0005_invite_cancelled_at"),
    ]

    operations = [
        # The tables are already there (made by tracker's migrations): only
        # Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="accesslog",
                    name="clinic",
                ),
                migrations.RemoveField(
                    model_name="accesslog",
                    name="consent",
                ),
                migrations.RemoveField(
                    model_name="accesslog",
                    name="patient",
                ),
                migrations.RemoveField(
                    model_name="accesslog",
                    name="staff",
                ),
                migrations.RemoveField(
                    model_name="apitoken",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="device",
                    name="token",
                ),
                migrations.RemoveField(
                    model_name="consent",
                    name="clinic",
                ),
                migrations.RemoveField(
                    model_name="clinicinvite",
                    name="clinic",
                ),
                migrations.RemoveField(
                    model_name="clinicmembership",
                    name="clinic",
                ),
                migrations.RemoveField(
                    model_name="clinicinvite",
                    name="invited_by",
                ),
                migrations.RemoveField(
                    model_name="clinicmembership",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="consent",
                    name="patient",
                ),
                migrations.RemoveField(
                    model_name="device",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="JournalAccount",
                ),
                migrations.DeleteModel(
                    name="AccessLog",
                ),
                migrations.DeleteModel(
                    name="ApiToken",
                ),
                migrations.DeleteModel(
                    name="Clinic",
                ),
                migrations.DeleteModel(
                    name="ClinicInvite",
                ),
                migrations.DeleteModel(
                    name="ClinicMembership",
                ),
                migrations.DeleteModel(
                    name="Consent",
                ),
                migrations.DeleteModel(
                    name="Device",
                ),
            ],
        ),
    ]
