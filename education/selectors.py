"""Reads of published medical content. Patients only ever see published snapshots."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from education.models import (
    CatalogState,
    ContentItem,
    Drug,
    Question,
    Section,
    SideEffectTerm,
    Topic,
)
from education.rendering import normalize_for_search
from tracker.contract import CHECKIN_ATTRIBUTES, ENUMERATIONS, describe


def published_drug_slugs() -> set[str]:
    """Slugs a journal course may name (besides `other`)."""
    return set(Drug.objects.filter(published__isnull=False).values_list("slug", flat=True))


def published_side_effect_slugs() -> set[str]:
    """Slugs a journal side effect may name (besides `other`)."""
    return set(
        SideEffectTerm.objects.filter(published__isnull=False).values_list("slug", flat=True)
    )


def _checkin_attributes(published: dict[str, Any]) -> list[str]:
    return [a for a in CHECKIN_ATTRIBUTES if published.get(f"takes_{a}")]


def published_side_effect_attributes() -> dict[str, frozenset[str]]:
    """What each published term is rated on in a check-in; empty for a term not rated."""
    return {
        slug: frozenset(_checkin_attributes(published))
        for slug, published in SideEffectTerm.objects.filter(published__isnull=False).values_list(
            "slug", "published"
        )
    }


def catalog_version() -> int:
    state = CatalogState.objects.filter(pk=1).first()
    return state.version if state else 1


def catalog_payload() -> dict[str, Any]:
    """The public catalogue (sync-protocol.md §5), built from published snapshots only.

    Besides the drugs and terms, it carries what the journal's forms need
    offline: the enumerations and the record contract (tracker/contract.py).
    """
    drugs = []
    for drug in Drug.objects.filter(published__isnull=False).only("slug", "published"):
        p = drug.published
        drugs.append(
            {
                "slug": drug.slug,
                "generic_name": p["generic_name"],
                "brand_names": [b.strip() for b in p["brand_names"].split(",") if b.strip()],
                "drug_class": p["drug_class"],
                "rating": p["rating"],
                "rating_label": str(Drug.Rating(p["rating"]).label),
                "treats_brain": p["treats_brain"],
                "warning": p["warning"] or None,
                "order": p["order"],
            }
        )
    drugs.sort(key=lambda d: (d["order"], d["generic_name"]))
    terms = []
    for term in SideEffectTerm.objects.filter(published__isnull=False).only("slug", "published"):
        p = term.published
        terms.append(
            {
                "slug": term.slug,
                "patient_term": p["patient_term"],
                "ctcae_term": p["ctcae_term"],
                "description": p["description"],
                # The weekly check-in asks about it by default, and on these attributes.
                "checkin": bool(p.get("checkin")),
                "checkin_attributes": _checkin_attributes(p),
                "order": p["order"],
            }
        )
    terms.sort(key=lambda t: (t["order"], t["patient_term"]))
    for entry in drugs + terms:
        entry.pop("order")
    return {
        "version": catalog_version(),
        "drugs": drugs,
        "side_effect_terms": terms,
        "enumerations": ENUMERATIONS,
        # The record contract, from which the device checks entries as the server does.
        "contract": describe(),
    }


def catalog_etag(payload: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]
    return f'"{digest}"'


# ---------------------------------------------------------------------------
# Public pages. Each reader returns plain dataclasses built from published
# snapshots, or, with preview=True (medical reviewers only; the view checks),
# from the working copy exactly as it would be published.


@dataclass(frozen=True)
class ReviewStamp:
    """Who last medically reviewed what a page shows, and when; empty when nobody has."""

    reviewed_on: date | None = None
    reviewers: tuple[str, ...] = ()

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_on is not None

    @property
    def reviewer_names(self) -> str:
        return _join_names(list(self.reviewers))


@dataclass(frozen=True)
class DrugLink:
    slug: str
    name: str
    warning: str
    url: str


@dataclass(frozen=True)
class SectionView:
    pk: int
    version: str
    slug: str
    title: str
    body: str
    order: int
    sources: list[dict[str, Any]]
    drugs: list[DrugLink]
    stamp: ReviewStamp
    is_published: bool = True


@dataclass(frozen=True)
class TopicView:
    slug: str
    title: str
    summary: str
    order: int
    stamp: ReviewStamp
    is_published: bool = True


@dataclass(frozen=True)
class TopicPage:
    topic: TopicView
    sections: list[SectionView]
    stamp: ReviewStamp


@dataclass(frozen=True)
class RegulatoryFactView:
    agency: str
    description: str
    date: date | None
    date_precision: str
    as_of: date | None = None
    source_title: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class SectionRef:
    topic_slug: str
    topic_title: str
    section_slug: str
    section_title: str


@dataclass(frozen=True)
class DrugView:
    slug: str
    generic_name: str
    brand_names: list[str]
    other_names: list[str]
    drug_class: str
    drug_class_label: str
    rating: str
    rating_label: str
    treats_brain: str
    treats_brain_label: str
    warning: str
    summary: str
    order: int
    regulatory_facts: list[RegulatoryFactView]
    sources: list[dict[str, Any]]
    # The day by which every source and regulatory fact was last checked (the
    # oldest check); None while any of them has no check date.
    facts_checked_on: date | None
    stamp: ReviewStamp
    is_published: bool = True


@dataclass(frozen=True)
class DrugPage:
    drug: DrugView
    sections: list[SectionRef]


@dataclass(frozen=True)
class RatingGroup:
    rating: str
    label: str
    drugs: list[DrugView]


@dataclass(frozen=True)
class QuestionView:
    slug: str
    text: str
    group: str
    order: int


@dataclass(frozen=True)
class QuestionGroup:
    group: str
    label: str
    questions: list[QuestionView]


@dataclass(frozen=True)
class QuestionsPage:
    groups: list[QuestionGroup]
    stamp: ReviewStamp


@dataclass
class SearchHit:
    title: str
    url: str
    snippet: list[tuple[str, bool]]
    context: str = ""
    warning: str = ""


@dataclass
class SearchResults:
    query: str
    words: list[str]
    medicines: list[SearchHit] = field(default_factory=list)
    sections: list[SearchHit] = field(default_factory=list)
    questions: list[SearchHit] = field(default_factory=list)
    side_effects: list[SearchHit] = field(default_factory=list)
    # Set when nothing matched what was typed and these are the results for
    # the corrected spelling (`query`) instead.
    original_query: str = ""
    # Words the query may have meant, when no single correction was clear.
    suggestions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.medicines) + len(self.sections) + len(self.questions) + len(self.side_effects)
        )


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _stamp(item: ContentItem) -> ReviewStamp:
    user = item.reviewed_by if item.reviewed_by_id else None
    return _stamp_values(
        item.reviewed_by_id,
        item.reviewed_at,
        user.first_name if user else "",
        user.last_name if user else "",
    )


def _stamp_values(
    reviewer_id: int | None, reviewed_at: Any, first_name: str, last_name: str
) -> ReviewStamp:
    if reviewer_id is None or reviewed_at is None:
        return ReviewStamp()
    # Never an e-mail address on a public page.
    name = f"{first_name} {last_name}".strip() or str(_("a medical reviewer"))
    return ReviewStamp(reviewed_on=timezone.localdate(reviewed_at), reviewers=(name,))


def combine_stamps(stamps: list[ReviewStamp]) -> ReviewStamp:
    """Several items' stamps as one: reviewed only if all are, as of the oldest review."""
    if not stamps or not all(s.is_reviewed for s in stamps):
        return ReviewStamp()
    names: list[str] = []
    for stamp in sorted(stamps, key=lambda s: s.reviewed_on):
        names.extend(n for n in stamp.reviewers if n not in names)
    return ReviewStamp(reviewed_on=min(s.reviewed_on for s in stamps), reviewers=tuple(names))


def _snapshot(item: ContentItem, *, preview: bool) -> dict[str, Any] | None:
    if preview:
        from education.services import content_snapshot

        return content_snapshot(item=item)
    return item.published


def _split_names(value: str) -> list[str]:
    return [n.strip() for n in (value or "").split(",") if n.strip()]


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _visible(queryset, *, preview: bool):
    return queryset if preview else queryset.filter(published__isnull=False)


def _topic_view(topic: Topic, snap: dict[str, Any]) -> TopicView:
    return TopicView(
        slug=topic.slug,
        title=snap["title"],
        summary=snap["summary"],
        order=snap["order"],
        stamp=_stamp(topic),
        is_published=topic.published is not None,
    )


def published_topics(*, preview: bool = False) -> list[TopicView]:
    """Topics patients can read, in their published order."""
    topics = _visible(Topic.objects.select_related("reviewed_by"), preview=preview)
    views = [_topic_view(t, _snapshot(t, preview=preview)) for t in topics]
    return sorted(views, key=lambda t: (t.order, t.slug))


def _drug_links(slugs: set[str], *, preview: bool) -> dict[str, DrugLink]:
    if not slugs:
        return {}
    drugs = _visible(Drug.objects.filter(slug__in=slugs), preview=preview)
    links = {}
    for drug in drugs.only("slug", "published", "generic_name", "warning"):
        name = drug.generic_name if preview else drug.published["generic_name"]
        warning = drug.warning if preview else drug.published["warning"]
        url = reverse("education:drug", kwargs={"slug": drug.slug})
        links[drug.slug] = DrugLink(slug=drug.slug, name=name, warning=warning, url=url)
    return links


def topic_page(*, slug: str, preview: bool = False) -> TopicPage | None:
    """A topic with its sections in order; only published ones unless previewing."""
    try:
        topic = _visible(Topic.objects.select_related("reviewed_by"), preview=preview).get(
            slug=slug
        )
    except Topic.DoesNotExist:
        return None
    rows: list[tuple[int, str, dict[str, Any], Any, ReviewStamp, bool]] = []
    if preview:
        for s in Section.objects.filter(topic=topic).select_related("reviewed_by"):
            snap = _snapshot(s, preview=True)
            rows.append((s.pk, s.slug, snap, None, _stamp(s), s.published is not None))
    else:
        # Plain rows, not model instances: a topic can hold hundreds of sections.
        for pk, section_slug, snap, published_at, *reviewed in (
            Section.objects.filter(topic=topic, published__isnull=False)
            .order_by()
            .values_list(
                "pk",
                "slug",
                "published",
                "published_at",
                "reviewed_by_id",
                "reviewed_at",
                "reviewed_by__first_name",
                "reviewed_by__last_name",
            )  # fmt: skip
        ):
            rows.append((pk, section_slug, snap, published_at, _stamp_values(*reviewed), True))
    drug_slugs = {d for row in rows for d in row[2].get("drugs", [])}
    links = _drug_links(drug_slugs, preview=preview)
    views = [
        SectionView(
            pk=pk,
            # What was published, and when: with the stamp and the drug links,
            # everything this section's HTML depends on.
            version=published_at.isoformat() if published_at else "preview",
            slug=section_slug,
            title=snap["title"],
            body=snap["body"],
            order=snap["order"],
            sources=_sources(snap),
            drugs=sorted(
                (links[d] for d in snap.get("drugs", []) if d in links),
                key=lambda link: link.name.casefold(),
            ),
            stamp=stamp,
            is_published=is_published,
        )
        for pk, section_slug, snap, published_at, stamp, is_published in rows
    ]
    views.sort(key=lambda v: (v.order, v.slug))
    topic_view = _topic_view(topic, _snapshot(topic, preview=preview))
    return TopicPage(
        topic=topic_view,
        sections=views,
        stamp=combine_stamps([topic_view.stamp, *(v.stamp for v in views)]),
    )


def _sources(snap: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **src,
            "published_on": _parse_date(src.get("published_on")),
            "checked_on": _parse_date(src.get("checked_on")),
        }
        for src in snap.get("sources", [])
    ]


def _facts_checked_on(
    sources: list[dict[str, Any]], facts: list[RegulatoryFactView]
) -> date | None:
    checks = [s["checked_on"] for s in sources] + [f.as_of for f in facts]
    if not checks or any(c is None for c in checks):
        return None
    return min(checks)


def _drug_view(drug: Drug, snap: dict[str, Any]) -> DrugView:
    facts = [
        RegulatoryFactView(
            agency=f["agency"],
            description=f["description"],
            date=_parse_date(f["date"]),
            date_precision=f["date_precision"],
            as_of=_parse_date(f.get("as_of")),
            source_title=f.get("source_title", ""),
            source_url=f.get("source_url", ""),
        )
        for f in snap.get("regulatory_facts", [])
    ]
    sources = _sources(snap)
    return DrugView(
        slug=drug.slug,
        generic_name=snap["generic_name"],
        brand_names=_split_names(snap["brand_names"]),
        other_names=_split_names(snap["other_names"]),
        drug_class=snap["drug_class"],
        drug_class_label=str(_choice_label(Drug.DrugClass, snap["drug_class"])),
        rating=snap["rating"],
        rating_label=str(_choice_label(Drug.Rating, snap["rating"])),
        treats_brain=snap["treats_brain"],
        treats_brain_label=str(_choice_label(Drug.Brain, snap["treats_brain"])),
        warning=snap["warning"],
        summary=snap["summary"],
        order=snap["order"],
        regulatory_facts=facts,
        sources=sources,
        facts_checked_on=_facts_checked_on(sources, facts),
        stamp=_stamp(drug),
        is_published=drug.published is not None,
    )


def _choice_label(choices: Any, value: str) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value


def drug_page(*, slug: str, preview: bool = False) -> DrugPage | None:
    """A medicine and the published sections that discuss it."""
    try:
        drug = _visible(Drug.objects.select_related("reviewed_by"), preview=preview).get(slug=slug)
    except Drug.DoesNotExist:
        return None
    refs: list[tuple[int, int, SectionRef]] = []
    if preview:
        for s in drug.sections.select_related("topic").order_by("topic__order", "order", "id"):
            refs.append(
                (s.topic.order, s.order, SectionRef(s.topic.slug, s.topic.title, s.slug, s.title))
            )
    else:
        # The published section's own list of drugs decides, not the working copy's.
        rows = Section.objects.filter(
            published__isnull=False, topic__published__isnull=False
        ).values(
            "slug",
            "topic__slug",
            drugs_json=F("published__drugs"),
            title_json=F("published__title"),
            order_json=F("published__order"),
            topic_title=F("topic__published__title"),
            topic_order=F("topic__published__order"),
        )
        for row in rows:
            if slug in _json_list(row["drugs_json"]):
                ref = SectionRef(
                    row["topic__slug"], row["topic_title"], row["slug"], row["title_json"]
                )
                refs.append((int(row["topic_order"] or 0), int(row["order_json"] or 0), ref))
    refs.sort(key=lambda r: (r[0], r[2].topic_slug, r[1], r[2].section_slug))
    return DrugPage(
        drug=_drug_view(drug, _snapshot(drug, preview=preview)), sections=[r[2] for r in refs]
    )


def _json_list(value: Any) -> list[Any]:
    # Key transforms come back decoded on PostgreSQL, as text on some SQLite builds.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def drugs_by_rating() -> tuple[list[RatingGroup], ReviewStamp]:
    """Published medicines grouped by how the reviewed content rates them, best first."""
    drugs = list(Drug.objects.filter(published__isnull=False).select_related("reviewed_by"))
    views = sorted(
        (_drug_view(d, d.published) for d in drugs),
        key=lambda v: (v.order, v.generic_name.casefold()),
    )
    groups = []
    for value, label in Drug.Rating.choices:
        members = [v for v in views if v.rating == value]
        if members:
            groups.append(RatingGroup(rating=value, label=str(label), drugs=members))
    known = {value for value, _label in Drug.Rating.choices}
    unknown = [v for v in views if v.rating not in known]
    if unknown:
        groups.append(RatingGroup(rating="", label=str(_("Other")), drugs=unknown))
    return groups, combine_stamps([_stamp(d) for d in drugs])


def questions_page() -> QuestionsPage:
    """Published questions to ask, grouped as the checklist shows them."""
    questions = list(Question.objects.filter(published__isnull=False).select_related("reviewed_by"))
    views = sorted(
        (
            QuestionView(
                slug=q.slug,
                text=q.published["text"],
                group=q.published["group"],
                order=q.published["order"],
            )  # fmt: skip
            for q in questions
        ),
        key=lambda v: (v.order, v.slug),
    )
    groups = []
    for value, label in Question.Group.choices:
        members = [v for v in views if v.group == value]
        if members:
            groups.append(QuestionGroup(group=value, label=str(label), questions=members))
    return QuestionsPage(groups=groups, stamp=combine_stamps([_stamp(q) for q in questions]))


# ---------------------------------------------------------------------------
# Search

SEARCH_MAX_QUERY_CHARS = 200
SEARCH_MAX_WORDS = 12
SEARCH_MAX_HITS_PER_GROUP = 25
SNIPPET_CHARS = 160

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ufffd\ud800-\udfff]")
_MARKDOWN_NOISE = re.compile(r"[*_`#>|\[\]]|\]\([^)]*\)|!\[")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def clean_search_query(raw: str | None) -> str:
    """The query as typed, minus control characters and cut to a sane length."""
    text = _CONTROL_CHARS.sub(" ", raw or "")
    text = " ".join(text.split())
    return text[:SEARCH_MAX_QUERY_CHARS].strip()


def search_content(*, query: str) -> SearchResults:
    """Published items whose search text holds every word of the query,
    ignoring case and accents; brand and other names find their medicine.
    A query that finds nothing is tried again with its misspelt words
    corrected to the nearest medicine, side-effect or title word."""
    cleaned = clean_search_query(query)
    normalized = normalize_for_search(cleaned)
    words = list(dict.fromkeys(normalized.split()))[:SEARCH_MAX_WORDS]
    results = _search_words(query=cleaned, words=words)
    if words and not results.total:
        corrected, suggestions = _corrected_words(words)
        if corrected != words:
            retry = _search_words(query=" ".join(corrected), words=corrected)
            if retry.total:
                retry.original_query = cleaned
                return retry
        results.suggestions = suggestions
    return results


# Shorter words are left as typed: too many real words lie one letter apart.
SPELLING_MIN_LENGTH = 4


def _edits_allowed(word: str) -> int:
    """How many edits (a letter added, dropped, changed or two swapped:
    Damerau-Levenshtein) a word may be from the word it is taken for."""
    return 1 if len(word) < 8 else 2


_vocabulary_cache: dict[tuple, tuple[frozenset[str], str]] = {}


def _search_vocabulary() -> tuple[frozenset[str], str]:
    """Words worth correcting towards (medicine names, side-effect terms, titles),
    and all published search text; kept until the catalogue version moves on."""
    # Every publish moves the version on and stamps the time: either changing
    # means the published text changed.
    version = tuple(CatalogState.objects.filter(pk=1).values_list("version", "changed_at"))
    if version in _vocabulary_cache:
        return _vocabulary_cache[version]
    texts: list[str] = []
    corpus: list[str] = []
    for model in (Drug, SideEffectTerm, Topic, Section, Question):
        for p, text in model.objects.filter(published__isnull=False).values_list(
            "published", "search_text"
        ):
            corpus.append(text)
            if model is Drug:
                texts += [p["generic_name"], p["brand_names"], p["other_names"]]
            elif model is SideEffectTerm:
                texts += [p["patient_term"], p["ctcae_term"]]
            elif model in (Topic, Section):
                texts.append(p["title"])
    vocabulary = frozenset(
        word
        for text in texts
        for word in re.split(r"[^\w-]+", normalize_for_search(text))
        if len(word) >= SPELLING_MIN_LENGTH
    )
    _vocabulary_cache.clear()
    _vocabulary_cache[version] = (vocabulary, "\n".join(corpus))
    return _vocabulary_cache[version]


def _corrected_words(words: list[str]) -> tuple[list[str], list[str]]:
    """Each word that appears nowhere in the published text, replaced by the one
    vocabulary word fewest edits away; where two are as near, none is chosen
    and both are offered ("Did you mean A or B?")."""
    vocabulary, corpus = _search_vocabulary()
    corrected: list[str] = []
    suggestions: list[str] = []
    for word in words:
        if len(word) < SPELLING_MIN_LENGTH or word in corpus:
            corrected.append(word)
            continue
        near = process.extract(
            word, vocabulary, scorer=DamerauLevenshtein.distance,
            score_cutoff=_edits_allowed(word), limit=3,
        )  # fmt: skip
        best = [choice for choice, distance, _ in near if distance == near[0][1]] if near else []
        if len(best) == 1:
            corrected.append(best[0])
        else:
            corrected.append(word)
            suggestions += sorted(best)
    return corrected, suggestions


def _search_words(*, query: str, words: list[str]) -> SearchResults:
    results = SearchResults(query=query, words=words)
    if not words:
        return results

    def matching(qs):
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs.filter(published__isnull=False)[:SEARCH_MAX_HITS_PER_GROUP]

    for drug in matching(Drug.objects.only("slug", "published")):
        p = drug.published
        names = ", ".join(_split_names(p["brand_names"]) + _split_names(p["other_names"]))
        results.medicines.append(
            SearchHit(
                title=p["generic_name"],
                url=reverse("education:drug", kwargs={"slug": drug.slug}),
                snippet=make_snippet(text=p["summary"], words=words),
                context=names,
                warning=p["warning"],
            )
        )
    for topic in matching(Topic.objects.only("slug", "published")):
        results.sections.append(
            SearchHit(
                title=topic.published["title"],
                url=reverse("education:topic", kwargs={"slug": topic.slug}),
                snippet=make_snippet(text=topic.published["summary"], words=words),
                context=str(_("Topic")),
            )
        )
    sections = matching(
        Section.objects.filter(topic__published__isnull=False)
        .select_related("topic")
        .only("slug", "published", "topic__slug", "topic__published")
    )
    for section in sections:
        url = reverse("education:topic", kwargs={"slug": section.topic.slug})
        results.sections.append(
            SearchHit(
                title=section.published["title"],
                url=f"{url}#{section.slug}",
                snippet=make_snippet(text=section.published["body"], words=words),
                context=section.topic.published["title"],
            )
        )
    questions_url = reverse("education:questions")
    for question in matching(Question.objects.only("slug", "published")):
        results.questions.append(
            SearchHit(
                title=question.published["text"],
                url=f"{questions_url}#{question.slug}",
                snippet=[],
                context=str(_choice_label(Question.Group, question.published["group"])),
            )
        )
    for term in matching(SideEffectTerm.objects.only("slug", "published")):
        p = term.published
        results.side_effects.append(
            SearchHit(
                title=p["patient_term"],
                url="",
                snippet=make_snippet(text=p["description"], words=words),
                context=p["ctcae_term"],
            )
        )
    return results


def _plain(text: str) -> str:
    """Markdown source as one line of plain words: no markup, list markers or table rules."""
    lines = []
    for line in _MARKDOWN_LINK.sub(r"\1", text or "").splitlines():
        if _TABLE_RULE.match(line):
            continue
        lines.append(_LIST_MARKER.sub("", line))
    return " ".join(_MARKDOWN_NOISE.sub(" ", " ".join(lines)).split())


def make_snippet(*, text: str, words: list[str]) -> list[tuple[str, bool]]:
    """A short extract of plain text around the first matching word, as
    (text, is_match) pieces so that the template escapes every piece."""
    plain = _plain(text)
    if not plain:
        return []
    # Normalise character by character, remembering where each normalised
    # character came from, so that a match maps back onto the original text.
    norm_chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(plain):
        for out in normalize_for_search(char) or (" " if char.isspace() else ""):
            norm_chars.append(out)
            origin.append(index)
    norm = "".join(norm_chars)
    first = None
    for word in words:
        pos = norm.find(word)
        if pos != -1 and (first is None or pos < first[0]):
            first = (pos, pos + len(word))
    if first is None:
        cut = plain[:SNIPPET_CHARS]
        return [(cut + ("…" if len(plain) > SNIPPET_CHARS else ""), False)]
    start_src = origin[first[0]]
    end_src = origin[first[1] - 1] + 1
    begin = max(0, start_src - SNIPPET_CHARS // 2)
    if begin:
        space = plain.find(" ", begin)
        begin = space + 1 if 0 <= space < start_src else begin
    end = min(len(plain), end_src + SNIPPET_CHARS // 2)
    if end < len(plain):
        space = plain.rfind(" ", end_src, end)
        end = space if space != -1 else end
    pieces = [
        (("…" if begin else "") + plain[begin:start_src], False),
        (plain[start_src:end_src], True),
        (plain[end_src:end] + ("…" if end < len(plain) else ""), False),
    ]
    return [p for p in pieces if p[0]]
