"""GET /api/v1/recommendations/ and POST /api/v1/ingredients/check/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from metskin.accounts.models import User
from metskin.recommendations.selectors import (
    ingredient_check,
    recommendation_for_user,
    routine_changes_for_user,
)
from metskin.recommendations.serializers import (
    IngredientCheckInput,
    IngredientCheckOutput,
    RecommendationOutput,
    RoutineChangesOutput,
)


class RecommendationApi(APIView):
    @extend_schema(responses={200: RecommendationOutput}, tags=["recommendations"])
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        recommendation = recommendation_for_user(user=request.user)
        output = RecommendationOutput(recommendation, context={"currency": recommendation.currency})
        return Response(output.data)


class RoutineChangesApi(APIView):
    """What the latest analysis changed in the person's routine (the result page's
    "What to do next")."""

    @extend_schema(responses={200: RoutineChangesOutput}, tags=["recommendations"])
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(RoutineChangesOutput(routine_changes_for_user(user=request.user)).data)


class IngredientCheckApi(APIView):
    """Open to everyone; a signed-in person also sees conflicts with their routine."""

    permission_classes = (AllowAny,)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "ingredient_check"

    @extend_schema(
        request=IngredientCheckInput,
        responses={200: IngredientCheckOutput},
        tags=["recommendations"],
    )
    def post(self, request: Request) -> Response:
        data = IngredientCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user if isinstance(request.user, User) else None
        result = ingredient_check(text=data.validated_data["inci"], user=user)
        return Response(IngredientCheckOutput(result).data)
