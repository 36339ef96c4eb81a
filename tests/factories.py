"""Factories for fake test data. No real patient data, ever."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from education import models as edu


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    username = factory.LazyAttribute(lambda u: u.email)
    first_name = "Test"
    password = factory.django.Password("correct horse battery staple")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = edu.Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")
    summary = "A short summary."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = edu.Section

    topic = factory.SubFactory(TopicFactory)
    slug = factory.Sequence(lambda n: f"section-{n}")
    title = factory.Sequence(lambda n: f"Section {n}")
    body = "Some **plain** words."


class DrugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = edu.Drug

    slug = factory.Sequence(lambda n: f"drug-{n}")
    generic_name = factory.Sequence(lambda n: f"testinib{n}")
    brand_names = factory.Sequence(lambda n: f"Brand{n}")
    drug_class = edu.Drug.DrugClass.ROS1_TKI
    rating = edu.Drug.Rating.PREFERRED_FIRST_LINE


class SideEffectTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = edu.SideEffectTerm

    slug = factory.Sequence(lambda n: f"term-{n}")
    patient_term = factory.Sequence(lambda n: f"Feeling odd {n}")
    ctcae_term = "Malaise"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = edu.Question

    slug = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"What about thing {n}?")
    group = edu.Question.Group.NEWLY_DIAGNOSED


def published(item):
    """Publishes a factory-made item as the seed loader does."""
    from education.services import content_publish

    content_publish(item=item, publisher=None, seeding=True)
    item.refresh_from_db()
    return item
