"""Server-rendered pages under /learn/ (namespace ``learn``)."""

from django.urls import URLPattern, URLResolver, path

from metskin.education import views

app_name = "learn"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.learn_index, name="index"),
    path("category/<slug:category>/", views.category_detail, name="category"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<slug:slug>/", views.glossary_term, name="glossary-term"),
    path("videos/", views.video_list, name="videos"),
    path("videos/<slug:slug>/", views.video_detail, name="video"),
    path("media/<path:name>", views.video_media, name="media"),
    # Stable links from the analysis, routine and ingredient checker (contracts).
    path("concern/<slug:concern>/", views.concern_redirect, name="concern"),
    path("term/<slug:key>/", views.term_redirect, name="term"),
    path("<slug:slug>/", views.article_detail, name="article"),
]
