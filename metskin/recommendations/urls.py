from django.urls import path

from metskin.recommendations import apis

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", apis.RecommendationApi.as_view(), name="recommendations"),
    path("recommendations/changes/", apis.RoutineChangesApi.as_view(), name="routine-changes"),
    path("ingredients/check/", apis.IngredientCheckApi.as_view(), name="ingredient-check"),
]
