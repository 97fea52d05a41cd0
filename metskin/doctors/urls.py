from django.urls import URLPattern, URLResolver

app_name = "doctors"

urlpatterns: list[URLPattern | URLResolver] = []
