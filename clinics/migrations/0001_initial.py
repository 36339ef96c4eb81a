"""Clinics, staff, invitations, consents and the access log move here from tracker, tables kept."""

import clinics.models
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ('clinic', 'clinicmembership', 'clinicinvite', 'consent', 'accesslog')


def _relabel(apps, old: str, new: str) -> None:
    # Permissions, group grants and admin history point at content types:
    # relabelling keeps them all, where a new content type would orphan them.
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_here(apps, schema_editor):
    _relabel(apps, "tracker", "clinics")


def content_types_back(apps, schema_editor):
    _relabel(apps, "clinics", "tracker")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('tracker', '0005_invite_cancelled_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables are already there (made by tracker's migrations): only
        # Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Clinic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('address', models.TextField(blank=True, verbose_name='address')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('referral_code', models.CharField(default=clinics.models.new_referral_code, editable=False, max_length=64, unique=True, verbose_name='referral code')),
                        ('share_code', models.CharField(default=clinics.models.new_share_code, help_text='The short code the clinic gives patients so that they can find it.', max_length=16, unique=True, verbose_name='share code')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                    ],
                    options={
                        'verbose_name': 'clinic',
                        'verbose_name_plural': 'clinics',
                        'db_table': 'tracker_clinic',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ClinicInvite',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='email')),
                        ('as_clinic_admin', models.BooleanField(default=False, verbose_name="as the clinic's admin")),
                        ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('expires_at', models.DateTimeField()),
                        ('accepted_at', models.DateTimeField(blank=True, null=True)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invites', to='clinics.clinic')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'staff invitation',
                        'verbose_name_plural': 'staff invitations',
                        'db_table': 'tracker_clinicinvite',
                    },
                ),
                migrations.CreateModel(
                    name='ClinicMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_clinic_admin', models.BooleanField(default=False, verbose_name='clinic admin')),
                        ('joined_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='joined')),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='clinics.clinic')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='clinic_membership', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'clinic staff member',
                        'verbose_name_plural': 'clinic staff',
                        'db_table': 'tracker_clinicmembership',
                    },
                ),
                migrations.CreateModel(
                    name='Consent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('scopes', models.JSONField()),
                        ('display_name', models.CharField(max_length=100)),
                        ('expires_on', models.DateField(blank=True, null=True)),
                        ('granted_at', models.DateTimeField()),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('wording', models.TextField()),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='clinics.clinic')),
                        ('patient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clinic_consents', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'consent to share',
                        'verbose_name_plural': 'consents to share',
                        'db_table': 'tracker_consent',
                    },
                ),
                migrations.CreateModel(
                    name='AccessLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('clinic_name', models.CharField(max_length=200)),
                        ('staff_name', models.CharField(max_length=300)),
                        ('action', models.CharField(choices=[('view', 'Opened the shared journal'), ('print', 'Opened the print version'), ('csv', 'Downloaded a spreadsheet (CSV)'), ('fhir', 'Downloaded a FHIR file')], max_length=10)),
                        ('scopes', models.JSONField()),
                        ('at', models.DateTimeField()),
                        ('patient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('staff', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('clinic', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='access_logs', to='clinics.clinic')),
                        ('consent', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='access_logs', to='clinics.consent')),
                    ],
                    options={
                        'verbose_name': 'access log entry',
                        'verbose_name_plural': 'access log',
                        'db_table': 'tracker_accesslog',
                    },
                ),
                migrations.AddIndex(
                    model_name='consent',
                    index=models.Index(fields=['clinic', 'revoked_at'], name='consent_clinic_revoked'),
                ),
                migrations.AddIndex(
                    model_name='accesslog',
                    index=models.Index(fields=['patient', '-at'], name='accesslog_patient_at'),
                ),
            ],
        ),
        migrations.RunPython(content_types_to_here, content_types_back),
    ]
