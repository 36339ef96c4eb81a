"""sitemap.xml: the public pages and every published topic and medicine."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import Drug, Topic


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["education:home", "education:topics", "education:drugs", "education:questions"]

    def location(self, item: str) -> str:
        return reverse(item)


class TopicSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.filter(published__isnull=False).only("slug", "published_at")

    def lastmod(self, item: Topic):
        return item.published_at


class DrugSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Drug.objects.filter(published__isnull=False).only("slug", "published_at")

    def lastmod(self, item: Drug):
        return item.published_at


SITEMAPS = {"pages": PagesSitemap, "topics": TopicSitemap, "medicines": DrugSitemap}
