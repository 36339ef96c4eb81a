from __future__ import annotations

from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from education.selectors import catalog_etag, catalog_payload


class CatalogApi(APIView):
    """The public catalogue the journal's forms choose from (sync-protocol.md §5)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="catalog",
        responses={200: OpenApiResponse(description="The catalogue"), 304: None},
    )
    def get(self, request):
        payload = catalog_payload()
        etag = catalog_etag(payload)
        if etag in _if_none_match(request):
            response = Response(status=304)
        else:
            response = Response(payload)
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        return response


def _if_none_match(request) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
