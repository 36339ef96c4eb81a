"""Medical reviewers can change content in the admin and nothing else."""

from __future__ import annotations

import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from education.services import REVIEWERS_GROUP
from tests.education.admin_support import (
    admin_url,
    client_for,
    roles,  # noqa: F401
)
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.usefixtures("roles")

CONTENT = {"topic", "section", "drug", "sideeffectterm", "question", "medicalreview"}


def test_it_lets_a_reviewer_reach_every_content_list(rita):
    client = client_for(rita)

    for model in CONTENT:
        assert client.get(f"/admin/education/{model}/").status_code == 200, model
    assert client.get("/admin/education/").status_code == 200
    assert client.get(reverse("admin:education_medicalreview_due")).status_code == 200


def test_it_lets_a_reviewer_add_content(rita):
    for model in CONTENT - {"medicalreview"}:
        assert client_for(rita).get(f"/admin/education/{model}/add/").status_code == 200, model


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/axes/accessfailurelog/",
    ],
)
def test_it_refuses_a_reviewer_everything_but_content(rita, url):
    assert client_for(rita).get(url).status_code == 403


def test_it_refuses_a_reviewer_every_registered_model_outside_content(rita):
    client = client_for(rita)
    outside = [
        model
        for model in admin.site._registry
        if not (model._meta.app_label == "education" and model._meta.model_name in CONTENT)
    ]
    assert outside, "users, groups and axes' logs at least are registered"

    for model in outside:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 403, url


def test_it_hides_other_apps_from_a_reviewers_admin_index(rita):
    page = client_for(rita).get("/admin/").content.decode()

    assert "/admin/education/topic/" in page
    assert "/admin/auth/" not in page
    assert "/admin/axes/" not in page
    assert "/admin/accounts/" not in page
    assert "/admin/clinics/" not in page


def test_it_refuses_a_reviewer_to_delete_a_content_item(rita):
    topic = TopicFactory()

    assert client_for(rita).get(admin_url(topic, "delete")).status_code == 403


def test_it_never_lets_anyone_edit_the_review_log(sam):
    topic = TopicFactory()
    superuser = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)

    assert client_for(superuser).get("/admin/education/medicalreview/add/").status_code == 403
    assert client_for(sam).get("/admin/education/medicalreview/add/").status_code == 403
    assert topic  # the log is only written by "Mark as medically reviewed"


def test_it_refuses_the_admin_to_a_patient(alice):
    response = client_for(alice).get("/admin/education/topic/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_refuses_workflow_pages_to_staff_outside_the_reviewers_group():
    clerk = UserFactory(email="clerk@example.org", is_staff=True)
    topic = TopicFactory()

    assert client_for(clerk).get(admin_url(topic, "publish")).status_code == 403
    assert client_for(clerk).post(admin_url(topic, "publish")).status_code == 403


def test_it_grants_the_group_content_rights_only_and_is_idempotent():
    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())

    group = Group.objects.get(name=REVIEWERS_GROUP)
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert Group.objects.filter(name=REVIEWERS_GROUP).count() == 1
    assert apps == {"education"}
    assert "change_section" in codenames
    assert "view_medicalreview" in codenames
    assert "change_medicalreview" not in codenames
    assert "delete_topic" not in codenames
    assert "change_catalogstate" not in codenames
    assert not any("historical" in c for c in codenames)


def test_it_removes_rights_granted_by_hand_outside_content():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=REVIEWERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="change_user"))

    call_command("setup_roles", stdout=io.StringIO())

    assert not group.permissions.filter(codename="change_user").exists()


def test_it_creates_a_first_reviewer_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_FIRST_REVIEWER_EMAIL", "dr.lee@example.org")
    monkeypatch.setenv("DJANGO_FIRST_REVIEWER_PASSWORD", "a long passphrase for tests")
    out = io.StringIO()

    call_command("ensure_first_reviewer", stdout=out)

    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("dr.lee@example.org", "dr.lee@example.org")
    assert user.is_superuser and user.is_staff
    assert user.check_password("a long passphrase for tests")
    assert user.groups.filter(name=REVIEWERS_GROUP).exists()
    assert "a long passphrase" not in out.getvalue()
    assert "http://127.0.0.1:8000/admin/" in out.getvalue()


def test_it_prints_a_random_strong_password_once_when_none_is_given(monkeypatch):
    monkeypatch.delenv("DJANGO_FIRST_REVIEWER_EMAIL", raising=False)
    monkeypatch.delenv("DJANGO_FIRST_REVIEWER_PASSWORD", raising=False)
    out = io.StringIO()

    call_command("ensure_first_reviewer", stdout=out)

    user = get_user_model().objects.get()
    password = out.getvalue().split("shown only this once: ")[1].split()[0]
    assert len(password) >= 20
    assert user.check_password(password)
    again = io.StringIO()
    call_command("ensure_first_reviewer", stdout=again)
    assert get_user_model().objects.count() == 1
    assert password not in again.getvalue()
    assert "already exists" in again.getvalue()


def test_it_refuses_a_weak_first_reviewer_password(monkeypatch):
    monkeypatch.setenv("DJANGO_FIRST_REVIEWER_PASSWORD", "password")

    with pytest.raises(CommandError, match="too weak"):
        call_command("ensure_first_reviewer", stdout=io.StringIO())

    assert not get_user_model().objects.exists()


def test_it_refuses_a_first_reviewer_email_that_is_not_one(monkeypatch):
    monkeypatch.setenv("DJANGO_FIRST_REVIEWER_EMAIL", "not-an-email")

    with pytest.raises(CommandError, match="not an email address"):
        call_command("ensure_first_reviewer", stdout=io.StringIO())
