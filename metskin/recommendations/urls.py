from django.urls import path

from metskin.recommendations import apis

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", apis.RecommendationApi.as_view(), name="recommendations"),
    path("ingredients/check/", apis.IngredientCheckApi.as_view(), name="ingredient-check"),
]
