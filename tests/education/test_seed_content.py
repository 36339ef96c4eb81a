"""The seeded content and its loader: idempotent, respectful of reviewers, in our own words."""

from __future__ import annotations

import copy
import re
import time
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from education.content import seed_data
from education.models import (
    CatalogState,
    Drug,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Status,
    Topic,
)
from education.rendering import sanitize_markdown
from education.seeding import SeedReport, seed_content_load
from education.services import content_mark_reviewed, content_record_edit, content_unpublish
from tests.education.seed_fingerprints import (
    RUN_LENGTH,
    committed_fingerprints,
    fingerprint,
    run_fingerprints,
    words,
)

SEED_PATH = Path(settings.BASE_DIR).parent / "shared" / "seed" / "ros1-treatment-options.txt"
CONTENT_MODELS = (Topic, Section, Drug, SideEffectTerm, Question)

EXPECTED_SECTIONS = {
    "faq": [
        "ros1-specialists", "what-is-a-tki", "how-well-do-tkis-work", "who-should-take-a-tki",
        "how-do-i-know-it-works", "can-a-tki-cure", "cancer-free-and-ned",
        "acquired-resistance", "no-access-to-a-tki", "treatment-guidelines",
        "tki-vs-gene-therapy",
    ],
    "ask-your-oncologist": ["newly-diagnosed", "after-progression"],
    "current-treatments": [
        "immunotherapy-warning", "no-drug-holidays", "first-line-early-stage",
        "first-line-metastatic", "first-line-tkis", "crizotinib", "entrectinib",
        "repotrectinib", "taletrectinib", "zidesamtinib", "ceritinib", "lorlatinib",
        "brain-metastases", "blood-clots", "second-line-and-resistance", "g2032r-mutation",
        "alk-tkis", "clinical-trials",
    ],
    # Added in the 2026 update (docs/content-update-2026.md).
    "about-ros1": ["what-is-a-ros1-fusion", "who-gets-ros1", "testing-for-ros1"],
    "taking-your-medicine": [
        "tips-for-every-tki", "taking-taletrectinib", "taking-repotrectinib",
        "taking-entrectinib", "taking-crizotinib",
    ],
    "living-with-ros1": [
        "coping-with-side-effects",
        "when-to-contact-your-care-team",
        "coping-with-worry",
        "finding-support",
    ],
}  # fmt: skip

# slug: (brand names, rating) for every drug, as of the 2026 update.
EXPECTED_DRUGS = {
    "crizotinib": ("Xalkori", "preferred_first_line"),
    "entrectinib": ("Rozlytrek", "preferred_first_line"),
    "repotrectinib": ("Augtyro", "preferred_first_line"),
    "ceritinib": ("Zykadia", "alternative"),
    "lorlatinib": ("Lorbrena", "later_line"),
    # FDA-approved on 11 June 2025; NCCN preferred first line since v5.2025.
    "taletrectinib": ("Ibtrozi", "preferred_first_line"),
    # Zidesamtinib: its brand is unverified, so none is given.
    "nvl-520": ("", "later_line"),
    "brigatinib": ("Alunbrig", "less_effective"),
    "ensartinib": ("Ensacove", "less_effective"),
    "alectinib": ("Alecensa", "do_not_use"),
    "pemetrexed": ("Alimta", "chemotherapy_option"),
    "carboplatin": ("", "chemotherapy_option"),
    "nivolumab": ("Opdivo", "not_recommended_alone"),
    "pembrolizumab": ("Keytruda", "not_recommended_alone"),
}


def all_items():
    for model in CONTENT_MODELS:
        yield from model.objects.all()


def counts() -> dict[str, int]:
    models = (*CONTENT_MODELS, RegulatoryFact, Source)
    return {model.__name__: model.objects.count() for model in models}


def seeded_texts() -> list[tuple[str, str]]:
    """Every piece of seeded wording a patient can read, with where it lives."""
    texts: list[tuple[str, str]] = []
    for t in Topic.objects.all():
        texts += [(f"topic {t.slug} title", t.title), (f"topic {t.slug} summary", t.summary)]
    for s in Section.objects.select_related("topic"):
        where = f"section {s.topic.slug}#{s.slug}"
        texts += [(f"{where} title", s.title), (f"{where} body", s.body)]
    for d in Drug.objects.all():
        texts += [(f"drug {d.slug} summary", d.summary), (f"drug {d.slug} warning", d.warning)]
    for f in RegulatoryFact.objects.select_related("drug"):
        texts.append((f"drug {f.drug.slug} regulatory fact", f.description))
    for src in Source.objects.all():
        texts.append(("source title", src.title))
    for term in SideEffectTerm.objects.all():
        texts += [(f"term {term.slug}", term.patient_term), (f"term {term.slug}", term.description)]
    for q in Question.objects.all():
        texts.append((f"question {q.slug}", q.text))
    return texts


def copied_phrases(
    text: str, *, seed_text: str | None = None, seed: frozenset[str] | None = None
) -> list[str]:
    """Runs of eight words that `text` shares with the seed (its text, or its fingerprints)."""
    known = seed if seed is not None else run_fingerprints(seed_text)
    mine = words(text)
    return [
        " ".join(mine[i : i + RUN_LENGTH])
        for i in range(len(mine) - RUN_LENGTH + 1)
        if fingerprint(mine[i : i + RUN_LENGTH]) in known
    ]


@dataclass
class FirstLoad:
    report: SeedReport
    seconds: float
    queries: int


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    """Loads the seed once for this module, inside a transaction rolled back at its end;
    each test then runs in its own savepoint, as Django's setUpTestData does."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = seed_content_load()
            seconds = time.perf_counter() - started
    yield FirstLoad(report=report, seconds=seconds, queries=len(queries))
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def seeded(first_load, db):
    return first_load.report


def test_it_loads_the_same_counts_when_run_twice(seeded):
    first = counts()
    report = seed_content_load()
    assert counts() == first
    assert report.created == 0 and report.updated == 0 and report.kept == 0
    assert report.unchanged == seeded.created
    assert first == {
        "Topic": 6,
        "Section": 43,
        "Drug": 14,
        "SideEffectTerm": 42,
        "Question": 10,
        "RegulatoryFact": 16,
        "Source": 186,
    }


def test_it_leaves_the_catalogue_version_alone_when_nothing_changed(seeded):
    version = CatalogState.objects.get().version
    seed_content_load()
    assert CatalogState.objects.get().version == version


def test_it_loads_everything_in_a_bounded_number_of_queries(
    first_load, seeded, django_assert_max_num_queries
):
    # Wall-clock time is noisy on a shared CI machine; the query count is not.
    # Measured (2026 content: 114 items, 179 sources, each written with its
    # history): 1,865 queries and 1-3 s for the first load, about 16 an item.
    assert first_load.queries <= 20 * first_load.report.created, first_load
    # A reload only reads, so the run command's start stays quick.
    with django_assert_max_num_queries(100):
        seed_content_load()


def test_it_prints_a_one_line_summary(seeded):
    out = StringIO()
    call_command("seed_content", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert "(6 topics, 43 sections, 14 drugs, 42 side-effect terms, 10 questions)" in lines[0]
    assert "0 created, 0 updated, 115 unchanged" in lines[0]


def test_it_publishes_every_seeded_item_without_a_review_stamp(seeded):
    for item in all_items():
        assert item.seeded, item
        assert item.status == Status.PUBLISHED, item
        assert item.published is not None, item
        assert not item.has_unpublished_changes, item
        assert item.reviewed_by is None and item.reviewed_at is None, item
        assert item.published_by is None, item
        assert item.next_review_due is None, item


def test_it_seeds_only_items_that_pass_the_admins_validation(seeded):
    for item in all_items():
        item.full_clean()
    for fact in RegulatoryFact.objects.all():
        fact.full_clean()
    for source in Source.objects.all():
        source.full_clean()


def test_it_seeds_markdown_that_the_sanitizer_leaves_as_it_is(seeded):
    # Otherwise a reviewer saving a page unchanged would see a spurious edit.
    for section in Section.objects.all():
        assert sanitize_markdown(section.body) == section.body, section.slug
    for topic in Topic.objects.all():
        assert sanitize_markdown(topic.summary) == topic.summary, topic.slug


def test_it_keeps_a_reviewers_edit_to_a_seeded_section(seeded, rita, monkeypatch):
    section = Section.objects.get(topic__slug="faq", slug="can-a-tki-cure")
    seed_wording = section.body
    section.body = "Rita's careful rewording."
    section.save()
    content_record_edit(item=section, editor=rita)
    monkeypatch.setattr(seed_data, "TOPICS", with_section_body("can-a-tki-cure", "New seed."))

    report = seed_content_load()

    section.refresh_from_db()
    assert section.body == "Rita's careful rewording."
    assert section.last_edited_by == rita
    assert section.published["body"] == seed_wording
    assert report.kept == 1 and report.updated == 0


def test_it_keeps_a_reviewed_item_when_the_seed_changes(seeded, rita, monkeypatch):
    drug = Drug.objects.get(slug="crizotinib")
    content_mark_reviewed(item=drug, reviewer=rita)
    drug.refresh_from_db()
    reviewed_at, summary = drug.reviewed_at, drug.summary
    monkeypatch.setattr(seed_data, "DRUGS", with_drug("crizotinib", summary="New seed."))

    report = seed_content_load()

    drug.refresh_from_db()
    assert drug.summary == summary
    assert drug.published["summary"] == summary
    assert drug.reviewed_by == rita and drug.reviewed_at == reviewed_at
    assert report.kept == 1


def test_it_updates_an_untouched_seeded_item_when_the_seed_changes(seeded, monkeypatch):
    monkeypatch.setattr(seed_data, "TOPICS", with_section_body("can-a-tki-cure", "New seed."))
    facts = [{"agency": "NCCN", "description": "New fact.", "date": None,
              "date_precision": "year"}]  # fmt: skip
    monkeypatch.setattr(seed_data, "DRUGS", with_drug("lorlatinib", regulatory_facts=facts))
    version = CatalogState.objects.get().version

    report = seed_content_load()

    section = Section.objects.get(topic__slug="faq", slug="can-a-tki-cure")
    assert section.body == "New seed."
    assert section.published["body"] == "New seed."
    assert section.reviewed_by is None and section.seeded
    lorlatinib = Drug.objects.get(slug="lorlatinib")
    assert list(lorlatinib.regulatory_facts.values_list("description", flat=True)) == ["New fact."]
    assert lorlatinib.published["regulatory_facts"][0]["description"] == "New fact."
    assert report.updated == 2
    assert CatalogState.objects.get().version > version


def test_the_2026_update_reaches_a_database_loaded_before_it_and_spares_reviewers_edits(
    seeded, rita, monkeypatch
):
    """A database seeded with the 2022 shape (no sources, taletrectinib in trials, no
    new topics) gets the update on the next load; what a reviewer edited stays."""
    old_topics = [t for t in copy.deepcopy(seed_data.TOPICS) if t["slug"] != "about-ros1"]
    for topic in old_topics:
        for section in topic["sections"]:
            section["sources"] = []
    old_drugs = with_drug("taletrectinib", brand_names="", rating="in_trials",
                          treats_brain="unknown", regulatory_facts=[], sources=[])  # fmt: skip
    new_topics, new_drugs = seed_data.TOPICS, seed_data.DRUGS
    with transaction.atomic():
        # An empty database, history included, then the 2022-shaped load.
        for model in (Section, Topic, Drug, Source, RegulatoryFact):
            model.objects.all().delete()
            model.history.all().delete()
        monkeypatch.setattr(seed_data, "TOPICS", old_topics)
        monkeypatch.setattr(seed_data, "DRUGS", old_drugs)
        seed_content_load()
    edited = Section.objects.get(topic__slug="faq", slug="can-a-tki-cure")
    edited.body = "Rita's careful rewording."
    edited.save()
    content_record_edit(item=edited, editor=rita)
    monkeypatch.setattr(seed_data, "TOPICS", new_topics)
    monkeypatch.setattr(seed_data, "DRUGS", new_drugs)

    seed_content_load()

    taletrectinib = Drug.objects.get(slug="taletrectinib")
    assert taletrectinib.published["brand_names"] == "Ibtrozi"
    assert taletrectinib.published["sources"] and taletrectinib.published["regulatory_facts"]
    assert taletrectinib.reviewed_by is None
    assert Topic.objects.get(slug="about-ros1").published is not None
    untouched = Section.objects.get(topic__slug="faq", slug="how-well-do-tkis-work")
    assert untouched.published["sources"]
    edited.refresh_from_db()
    assert edited.body == "Rita's careful rewording."
    assert not edited.sources.exists()


def test_it_keeps_regulatory_facts_of_a_drug_a_reviewer_edited(seeded, rita, monkeypatch):
    drug = Drug.objects.get(slug="lorlatinib")
    drug.regulatory_facts.filter(agency="NCCN").update(description="Rita's wording.")
    content_record_edit(item=drug, editor=rita)
    monkeypatch.setattr(seed_data, "DRUGS", with_drug("lorlatinib", regulatory_facts=[]))

    seed_content_load()

    assert drug.regulatory_facts.filter(description="Rita's wording.").count() == 1
    assert drug.regulatory_facts.count() == 2


def test_it_does_not_bring_back_an_item_a_reviewer_deleted(seeded):
    Question.objects.get(slug="donate-tissue").delete()
    Section.objects.get(topic__slug="faq", slug="tki-vs-gene-therapy").delete()

    report = seed_content_load()

    assert not Question.objects.filter(slug="donate-tissue").exists()
    assert not Section.objects.filter(slug="tki-vs-gene-therapy").exists()
    assert report.kept == 2 and report.created == 0


def test_it_does_not_republish_an_item_a_reviewer_withdrew(seeded, rita):
    term = SideEffectTerm.objects.get(slug="weight-gain")
    content_unpublish(item=term, user=rita)

    seed_content_load()

    term.refresh_from_db()
    assert term.published is None
    assert term.status == Status.DRAFT


def test_it_seeds_every_drug_the_issue_names_with_its_brand_and_rating(seeded):
    drugs = {d.slug: (d.brand_names, d.rating) for d in Drug.objects.all()}
    assert drugs == EXPECTED_DRUGS


def test_it_warns_that_alectinib_does_not_work_for_ros1(seeded):
    alectinib = Drug.objects.get(slug="alectinib")
    assert "does not work for ROS1+ cancer" in alectinib.published["warning"]


def test_it_warns_against_checkpoint_inhibitors_on_their_own(seeded):
    for slug in ("nivolumab", "pembrolizumab"):
        warning = Drug.objects.get(slug=slug).published["warning"]
        assert "on its own" in warning


def test_it_dates_crizotinibs_fda_approval_march_2016(seeded):
    fact = Drug.objects.get(slug="crizotinib").regulatory_facts.get(agency="FDA")
    assert fact.date == date(2016, 3, 1)
    assert fact.date_precision == RegulatoryFact.Precision.MONTH


def test_every_regulatory_fact_names_its_source_and_when_it_was_checked(seeded):
    for fact in RegulatoryFact.objects.select_related("drug"):
        assert fact.source_title and fact.source_url.startswith("https://"), fact
        assert fact.as_of is not None, fact


def test_it_dates_the_key_approvals(seeded):
    def fda(slug, when):
        return RegulatoryFact.objects.filter(drug__slug=slug, agency="FDA", date=when).exists()

    assert fda("crizotinib", date(2016, 3, 1))
    assert fda("entrectinib", date(2019, 8, 15))
    assert fda("repotrectinib", date(2023, 11, 15))
    assert fda("taletrectinib", date(2025, 6, 11))
    # Unconfirmed: listed without a date, and saying so.
    undated = RegulatoryFact.objects.filter(drug__slug="nvl-520", date__isnull=True).get()
    assert "not confirmed" in undated.description


def test_it_spells_lorlatinibs_brand_lorbrena_and_fixes_the_sources_typos(seeded):
    assert Drug.objects.get(slug="lorlatinib").brand_names == "Lorbrena"
    for where, text in seeded_texts():
        assert not re.search(r"\b(Lobrena|prevet|206)\b", text), where


def test_it_says_which_drugs_treat_the_brain_only_where_a_source_does(seeded):
    brain = dict(Drug.objects.values_list("slug", "treats_brain"))
    assert brain.pop("crizotinib") == "no"
    for slug in ("entrectinib", "repotrectinib", "ceritinib", "lorlatinib", "taletrectinib",
                 "nvl-520"):  # fmt: skip
        assert brain.pop(slug) == "yes"
    assert set(brain.values()) == {"unknown"}


def test_it_gives_every_section_slug_in_the_sources_order(seeded):
    topics = list(Topic.objects.order_by("order").values_list("slug", flat=True))
    assert topics == list(EXPECTED_SECTIONS)
    for topic, slugs in EXPECTED_SECTIONS.items():
        found = Section.objects.filter(topic__slug=topic).order_by("order")
        assert list(found.values_list("slug", flat=True)) == slugs


def test_it_advises_asking_a_ros1_specialist_for_a_second_opinion(seeded):
    faq = Section.objects.get(topic__slug="faq", slug="ros1-specialists")
    assert "second opinion" in faq.published["body"]
    assert "clinician-researchers" in faq.published["body"]


def test_it_links_sections_to_the_drugs_they_discuss(seeded):
    alk = Section.objects.get(slug="alk-tkis")
    assert set(alk.drugs.values_list("slug", flat=True)) == {
        "brigatinib", "ensartinib", "alectinib",
    }  # fmt: skip
    assert alk.published["drugs"] == ["alectinib", "brigatinib", "ensartinib"]
    for slug in EXPECTED_DRUGS:
        assert Drug.objects.get(slug=slug).sections.exists(), slug


def test_it_cites_the_nccn_guidelines_in_the_guidelines_section(seeded):
    section = Section.objects.get(slug="treatment-guidelines")
    urls = [s["url"] for s in section.published["sources"]]
    assert "https://www.nccn.org/guidelines/category_1" in urls


def test_it_gives_every_question_a_unique_slug(seeded):
    slugs = [q["slug"] for q in seed_data.QUESTIONS]
    assert len(slugs) == len(set(slugs)) == 10
    groups = dict(Question.objects.values_list("slug", "group"))
    assert list(groups.values()).count("newly_diagnosed") == 6
    assert list(groups.values()).count("after_progression") == 4
    orders = Question.objects.filter(group="after_progression").values_list("order", flat=True)
    assert sorted(orders) == [1, 2, 3, 4]


def test_it_seeds_blood_clot_terms(seeded):
    clots = SideEffectTerm.objects.filter(ctcae_term="Thromboembolic event")
    wording = " ".join(clots.values_list("patient_term", flat=True))
    assert clots.count() == 3
    assert "DVT" in wording and "pulmonary embolism" in wording


def test_it_seeds_the_common_side_effects_of_ros1_tkis(seeded):
    ctcae = set(SideEffectTerm.objects.values_list("ctcae_term", flat=True))
    assert {
        "Blurred vision", "Nausea", "Vomiting", "Diarrhea", "Constipation", "Edema limbs",
        "Fatigue", "Dizziness", "Dysgeusia", "Weight gain", "Peripheral sensory neuropathy",
        "Cognitive disturbance", "Ataxia", "Myalgia", "Alanine aminotransferase increased",
        "Aspartate aminotransferase increased", "Cholesterol high", "Hypertriglyceridemia",
        "Dyspnea", "Cough", "Rash maculo-papular", "Anorexia", "Insomnia", "Sinus bradycardia",
    } <= ctcae  # fmt: skip
    assert not SideEffectTerm.objects.filter(slug="other").exists()  # reserved by the journal


def test_the_originality_check_catches_a_copied_sentence():
    seed = "Alas, no. TKIs only inhibits the cancer for as long as you take the drug."
    mine = "Sadly: TKIs only inhibit the cancer for as long as you take the drug!"
    assert copied_phrases(mine, seed_text=seed) == [
        "the cancer for as long as you take",
        "cancer for as long as you take the",
        "for as long as you take the drug",
    ]
    assert copied_phrases("A TKI holds it back while you take it.", seed_text=seed) == []
    assert words("Crizotínib’s ROS1+ approval") == ["crizotinib", "s", "ros1", "approval"]


def test_it_words_the_seed_in_its_own_words(seeded):
    seed = committed_fingerprints()
    assert len(seed) > 2000, "The seed's fingerprints look truncated."
    copied = [
        f"{where}: '{phrase}'"
        for where, text in seeded_texts()
        for phrase in copied_phrases(text, seed=seed)
    ]
    assert not copied, "Copied from the seed (8 or more words in a row):\n" + "\n".join(copied)


@pytest.mark.skipif(
    not SEED_PATH.is_file(), reason=f"the seed text is not beside the repository ({SEED_PATH})"
)
def test_it_keeps_the_seeds_fingerprints_up_to_date():
    seed_text = SEED_PATH.read_text(encoding="utf-8")

    assert committed_fingerprints() == run_fingerprints(seed_text), (
        "Regenerate them: .venv/bin/python -m tests.education.seed_fingerprints " + str(SEED_PATH)
    )


def with_section_body(slug: str, body: str) -> list[dict]:
    topics = copy.deepcopy(seed_data.TOPICS)
    for topic in topics:
        for section in topic["sections"]:
            if section["slug"] == slug:
                section["body"] = body
    return topics


def with_drug(slug: str, **changes) -> list[dict]:
    drugs = copy.deepcopy(seed_data.DRUGS)
    for drug in drugs:
        if drug["slug"] == slug:
            drug.update(changes)
    return drugs


def test_it_seeds_the_bad_week_section_the_check_in_links_to(seeded):
    section = Section.objects.get(
        topic__slug="living-with-ros1", slug="when-to-contact-your-care-team"
    )
    assert section.published is not None and section.reviewed_by is None  # awaiting review
    body = section.published["body"]
    assert "38°C (100.4°F)" in body and "999" in body
    assert "not a diagnosis" in body
    sources = list(section.sources.all())
    assert len(sources) >= 5
    assert all(s.checked_on == date(2026, 12, 3) and s.supports for s in sources)
    assert {"10.1001/jama.2017.7156"} <= {s.doi for s in sources}
    assert section.get_absolute_url() == "/learn/living-with-ros1/#when-to-contact-your-care-team"


def test_every_seeded_term_has_its_checkin_attributes_and_the_issues_terms_are_asked(seeded):
    from education.content.seed_data import CHECKIN_ATTRIBUTES_BY_TERM, CHECKIN_DEFAULT_TERMS
    from education.models import SideEffectTerm

    slugs = set(SideEffectTerm.objects.values_list("slug", flat=True))
    assert set(CHECKIN_ATTRIBUTES_BY_TERM) <= slugs
    assert set(CHECKIN_DEFAULT_TERMS) <= set(CHECKIN_ATTRIBUTES_BY_TERM)
    asked = SideEffectTerm.objects.filter(published__checkin=True)
    assert set(asked.values_list("slug", flat=True)) == set(CHECKIN_DEFAULT_TERMS)
    diarrhoea = SideEffectTerm.objects.get(slug="diarrhoea")
    assert (diarrhoea.takes_frequency, diarrhoea.takes_severity) == (True, False)
    rash = SideEffectTerm.objects.get(slug="rash")  # presence only in PRO-CTCAE
    assert not (rash.checkin or rash.takes_frequency or rash.takes_severity)
