"""Catalogue endpoints: product search and product pages (open to everyone)."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.catalog.selectors import ProductFilters, product_get, product_list
from metskin.catalog.serializers import (
    ProductDetailOutput,
    ProductOutput,
    ProductPageOutput,
    ProductSearchInput,
)
from metskin.core.pagination import CappedCountPagination


class ProductListApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="products_list",
        parameters=[ProductSearchInput],
        responses={200: ProductPageOutput},
        tags=["catalog"],
    )
    def get(self, request: Request) -> Response:
        query = ProductSearchInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = dict(query.validated_data)
        sort = data.pop("sort", "rating")
        products = product_list(filters=ProductFilters(**data), sort=sort)
        paginator = CappedCountPagination()
        page = paginator.paginate_queryset(products, request, view=self)
        output = ProductOutput(page, many=True)  # type: ignore[arg-type]
        return paginator.get_paginated_response(output.data)


class ProductDetailApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses={200: ProductDetailOutput}, tags=["catalog"])
    def get(self, request: Request, product_id: UUID) -> Response:
        return Response(ProductDetailOutput(product_get(product_id=product_id)).data)
