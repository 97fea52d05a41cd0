from django.urls import path

from metskin.catalog import apis

app_name = "catalog"

urlpatterns = [
    path("products/", apis.ProductListApi.as_view(), name="product-list"),
    path("products/<uuid:product_id>/", apis.ProductDetailApi.as_view(), name="product-detail"),
]
