"""Tokens, devices and the journal-account view move here from tracker, tables kept."""

import django.contrib.auth.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ('journalaccount', 'apitoken', 'device')


def _relabel(apps, old: str, new: str) -> None:
    # Permissions, group grants and admin history point at content types:
    # relabelling keeps them all, where a new content type would orphan them.
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_here(apps, schema_editor):
    _relabel(apps, "tracker", "accounts")


def content_types_back(apps, schema_editor):
    _relabel(apps, "accounts", "tracker")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('tracker', '0005_invite_cancelled_at'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables are already there (made by tracker's migrations): only
        # Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='JournalAccount',
                    fields=[
                    ],
                    options={
                        'verbose_name': 'journal account',
                        'verbose_name_plural': 'journal accounts',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('auth.user',),
                    managers=[
                        ('objects', django.contrib.auth.models.UserManager()),
                    ],
                ),
                migrations.CreateModel(
                    name='ApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(blank=True, max_length=100)),
                        ('key_hash', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField()),
                        ('last_used_at', models.DateTimeField(blank=True, null=True)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'API token',
                        'verbose_name_plural': 'API tokens',
                        'db_table': 'tracker_apitoken',
                    },
                ),
                migrations.CreateModel(
                    name='Device',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('client_id', models.CharField(max_length=100)),
                        ('first_seen', models.DateTimeField()),
                        ('last_seen', models.DateTimeField()),
                        ('user_agent', models.CharField(blank=True, max_length=100)),
                        ('session_key', models.CharField(blank=True, max_length=40)),
                        ('token', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.apitoken')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sync_devices', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'tracker_device',
                        'constraints': [models.UniqueConstraint(fields=('user', 'client_id'), name='device_user_client_id')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_here, content_types_back),
    ]
