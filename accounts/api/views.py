from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers import (
    MeSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
    UserCreateInputSerializer,
    UserReadSerializer,
    UserUpdateInputSerializer,
)
from accounts.selectors import user_visible_to


class TokenView(APIView):
    """Exchange a username and password for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=TokenInputSerializer, responses={200: TokenOutputSerializer})
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request=request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    policy_resource = "users"
    serializer_class = UserReadSerializer
    search_fields = ["username", "email", "first_name", "last_name"]
    ordering_fields = ["username", "id"]

    def get_queryset(self):
        return user_visible_to(self.request.user)

    @extend_schema(request=UserCreateInputSerializer, responses={201: UserReadSerializer})
    def create(self, request, *args, **kwargs):
        data = UserCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_create(**data.validated_data)
        user = self.get_queryset().get(pk=user.pk)
        return Response(UserReadSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UserUpdateInputSerializer, responses=UserReadSerializer)
    def update(self, request, *args, **kwargs):
        user = self.get_object()
        data = UserUpdateInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        services.user_update(user=user, **data.validated_data)
        return Response(UserReadSerializer(self.get_queryset().get(pk=user.pk)).data)
